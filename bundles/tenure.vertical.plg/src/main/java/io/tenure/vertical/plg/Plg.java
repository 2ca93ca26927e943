package io.tenure.vertical.plg;

import java.util.Arrays;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.tenure.api.data.Require;

/**
 * The product-led vertical's settings, shared by its measures, triggers, metric, page and demo data (PID {@value #PID}).
 * Money thresholds are in major units of the account's currency.
 */
@Component(service = Plg.class, configurationPid = Plg.PID)
@Designate(ocd = Plg.Config.class)
public class Plg {
    /** The playbook of every in-product nudge task (owned by the automation owner). */
    static final String NUDGE_PLAYBOOK = "plg_in_product_nudge";
    public static final String PID = "io.tenure.vertical.plg";

    @ObjectClassDefinition(name = "Product-led (PLG) vertical", description = "Trials, activation, product-qualified "
            + "workspaces, in-product nudges and the value above which a person gets involved.")
    public @interface Config {
        @AttributeDefinition(name = "Trial length (days)", description = "Length of a trial without an end date.", min = "1",
                max = "365")
        int trialLengthDays() default 14;

        @AttributeDefinition(name = "Activation window (days)", description = "Days from the trial start in which a workspace "
                + "must use enough core features to count as activated.", min = "1", max = "180")
        int activationWindowDays() default 14;

        @AttributeDefinition(name = "Core features", description = "Comma-separated features that count as core actions; "
                + "empty: the most used features of the PLG workspaces over the last 90 days.")
        String coreFeatures() default "";

        @AttributeDefinition(name = "Derived core features", description = "How many of the most used features are core "
                + "when the list above is empty.", min = "1", max = "50")
        int coreFeatureCount() default 3;

        @AttributeDefinition(name = "Activation depth", description = "Distinct core features a workspace must use to count "
                + "as activated.", min = "1", max = "50")
        int activationDepth() default 2;

        @AttributeDefinition(name = "Measure look-back (days)", description = "How far back the activation depth and team "
                + "spread measures look.",
                min = "7", max = "60")
        int depthLookbackDays() default 30;

        @AttributeDefinition(name = "Team spread target", description = "Active users per workspace for a team spread of 100.",
                min = "2", max = "100000")
        int teamSpreadTarget() default 5;

        @AttributeDefinition(name = "Signal look-back (days)", description = "Window for the peak active users of the "
                + "product-qualified and self-serve expansion signals.", min = "1", max = "60")
        int signalLookbackDays() default 14;

        @AttributeDefinition(name = "PQL: active users", description = "A free or trial workspace with at least this many "
                + "active users is product-qualified.", min = "1", max = "100000")
        int pqlActiveUsers() default 5;

        @AttributeDefinition(name = "PQL: share of the trial's seats (%)", description = "A trial with a seat limit is also "
                + "product-qualified when its active users reach this share of it.", min = "1", max = "100")
        int pqlSeatSharePercent() default 80;

        @AttributeDefinition(name = "Expansion: share of seats (%)", description = "A paying workspace whose active users "
                + "reach this share of its licensed seats is at its limit.", min = "1", max = "100")
        int expansionSeatSharePercent() default 80;

        @AttributeDefinition(name = "Value of a user (ARR)", description = "List price of one user a year, to value a free "
                + "or trial workspace and a seat expansion.", min = "0")
        long userPriceArr() default 600;

        @AttributeDefinition(name = "Human touch from (ARR)", description = "At or above this value a CSM or sales reaches "
                + "out; below it the workspace gets an in-product nudge.", min = "0")
        long humanTouchArr() default 10_000;

        @AttributeDefinition(name = "Automation owner", description = "Owner of in-product nudge tasks (the messaging tool "
                + "that sends them).")
        String automationOwner() default "in-product";

        @AttributeDefinition(name = "Nudge a stalled trial after (days)", min = "1", max = "90")
        int nudgeAfterDays() default 7;

        @AttributeDefinition(name = "Nudge SLA (hours)", min = "1", max = "720")
        int nudgeSlaHours() default 24;

        @AttributeDefinition(name = "Human touch SLA (days)", min = "1", max = "30")
        int humanTouchSlaDays() default 2;
    }

    private volatile Config config;

    public Plg() {
    }

    public Plg(Config config) {
        configure(config);
    }

    @Activate
    @Modified
    void configure(Config c) {
        check("trialLengthDays", c.trialLengthDays(), 1, 365);
        check("activationWindowDays", c.activationWindowDays(), 1, 180);
        check("coreFeatureCount", c.coreFeatureCount(), 1, 50);
        check("activationDepth", c.activationDepth(), 1, 50);
        check("depthLookbackDays", c.depthLookbackDays(), 7, 60);
        check("teamSpreadTarget", c.teamSpreadTarget(), 2, 100_000);
        check("signalLookbackDays", c.signalLookbackDays(), 1, 60);
        check("pqlActiveUsers", c.pqlActiveUsers(), 1, 100_000);
        check("pqlSeatSharePercent", c.pqlSeatSharePercent(), 1, 100);
        check("expansionSeatSharePercent", c.expansionSeatSharePercent(), 1, 100);
        check("userPriceArr", c.userPriceArr(), 0, 1_000_000_000L);
        check("humanTouchArr", c.humanTouchArr(), 0, 1_000_000_000_000L);
        check("nudgeAfterDays", c.nudgeAfterDays(), 1, 90);
        check("nudgeSlaHours", c.nudgeSlaHours(), 1, 720);
        check("humanTouchSlaDays", c.humanTouchSlaDays(), 1, 30);
        Require.text(c.automationOwner(), PID + " automationOwner");
        List<String> listed = configuredCore(c);
        int core = listed.isEmpty() ? c.coreFeatureCount() : listed.size();
        if (c.activationDepth() > core) {
            throw new IllegalArgumentException(PID + " activationDepth " + c.activationDepth() + " is more than the "
                    + core + " core features (" + (listed.isEmpty() ? "coreFeatureCount" : "coreFeatures") + ")");
        }
        config = c;
    }

    private static void check(String name, long value, long min, long max) {
        Require.range(value, min, max, PID + " " + name);
    }

    /** The core features named in the settings, trimmed, without blanks or repeats; empty when they are derived. */
    static List<String> configuredCore(Config c) {
        return Arrays.stream(c.coreFeatures().split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    public Config config() {
        return config;
    }
}
