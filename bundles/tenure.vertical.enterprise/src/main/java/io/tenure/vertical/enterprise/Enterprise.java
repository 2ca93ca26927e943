package io.tenure.vertical.enterprise;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.tenure.api.data.Require;

/** The enterprise vertical's settings, shared by its measures, triggers, metric and page (PID {@value #PID}). */
@Component(service = Enterprise.class, configurationPid = Enterprise.PID)
@Designate(ocd = Enterprise.Config.class)
public class Enterprise {
    public static final String PID = "io.tenure.vertical.enterprise";

    @ObjectClassDefinition(name = "Enterprise vertical", description = "Stakeholder depth, QBR cadence and executive sponsorship.")
    public @interface Config {
        @AttributeDefinition(name = "Top account from (ARR)", description = "Accounts with at least this ARR need an executive sponsor.", min = "0")
        long topAccountArr() default 250_000;

        @AttributeDefinition(name = "QBR every (days)", min = "30", max = "365")
        int qbrCadenceDays() default 90;

        @AttributeDefinition(name = "Threads for full marks", description = "Engaged contacts in meaningful conversation over the look-back for a multi-threading score of 100.", min = "2", max = "20")
        int threadsForFullMarks() default 4;

        @AttributeDefinition(name = "Look back (days)", description = "How far back conversations count as threads.", min = "14", max = "365")
        int lookbackDays() default 90;

        @AttributeDefinition(name = "QBR task SLA (days)", min = "1", max = "90")
        int qbrSlaDays() default 21;

        @AttributeDefinition(name = "Sponsor task SLA (days)", min = "1", max = "90")
        int sponsorSlaDays() default 14;

        @AttributeDefinition(name = "AE involvement (days)", description = "How long after signature the account executive stays involved.", min = "0", max = "365")
        int aeInvolvementDays() default 90;
    }

    private volatile Config config;

    public Enterprise() {
    }

    public Enterprise(Config config) {
        configure(config);
    }

    @Activate
    @Modified
    void configure(Config c) {
        check("topAccountArr", c.topAccountArr(), 0, Long.MAX_VALUE);
        check("qbrCadenceDays", c.qbrCadenceDays(), 30, 365);
        check("threadsForFullMarks", c.threadsForFullMarks(), 2, 20);
        check("lookbackDays", c.lookbackDays(), 14, 365);
        check("qbrSlaDays", c.qbrSlaDays(), 1, 90);
        check("sponsorSlaDays", c.sponsorSlaDays(), 1, 90);
        check("aeInvolvementDays", c.aeInvolvementDays(), 0, 365);
        config = c;
    }

    private static void check(String name, long value, long min, long max) {
        Require.range(value, min, max, PID + " " + name);
    }

    public Config config() {
        return config;
    }
}
