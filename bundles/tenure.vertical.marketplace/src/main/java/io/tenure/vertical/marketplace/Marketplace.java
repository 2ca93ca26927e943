package io.tenure.vertical.marketplace;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.tenure.api.data.Require;

/** The marketplace vertical's settings, shared by its measures, triggers, metric, page and task routing (PID {@value #PID}). */
@Component(service = Marketplace.class, configurationPid = Marketplace.PID)
@Designate(ocd = Marketplace.Config.class)
public class Marketplace {
    public static final String PID = "io.tenure.vertical.marketplace";

    /** The settings with their DOMAIN.md defaults; the console renders and validates them from the metatype. */
    @ObjectClassDefinition(name = "Marketplace vertical", description = "Liquidity, buyer demand, side plays, long-tail "
            + "tech-touch and conflicts between the sides.")
    public @interface Config {
        @AttributeDefinition(name = "Liquidity window (days)", description = "A listing counts as liquid when it sells within "
                + "this many days of being listed.", min = "1", max = "365")
        int liquidityDays() default 30;

        @AttributeDefinition(name = "Demand window (days)", description = "Buyer demand, network position, repeat purchase and "
                + "conflicts look at this many days, compared with the same number of days before.", min = "14", max = "365")
        int demandWindowDays() default 90;

        @AttributeDefinition(name = "Demand drop (%)", description = "A seller whose fulfilled GMV over the window fell by "
                + "at least this share of the window before gets the seller play.", min = "5", max = "95")
        int demandDropPercent() default 30;

        @AttributeDefinition(name = "Buyers for full marks", description = "Effective number of buyers (1 / buyer "
                + "concentration) at which a seller's network position scores 100.", min = "2", max = "1000")
        int buyersForFullMarks() default 10;

        @AttributeDefinition(name = "Tech-touch below (ARR)", description = "Accounts with less ARR get automated plays "
                + "owned by the automation owner instead of a CSM.", min = "0")
        long techTouchArr() default 5_000;

        @AttributeDefinition(name = "Automation owner", description = "Owner of the long-tail tech-touch tasks.")
        String techTouchOwner() default "tech-touch";

        @AttributeDefinition(name = "Conflict rate (%)", description = "A seller whose cancelled and disputed orders reach "
                + "this share of its orders over the window is in conflict with the buyer side...", min = "1", max = "100")
        int conflictRatePercent() default 10;

        @AttributeDefinition(name = "Conflict buyers", description = "...when at least this many distinct buyers were hurt.",
                min = "1", max = "1000")
        int conflictMinBuyers() default 3;

        @AttributeDefinition(name = "Conflict owner", description = "Owner of side-conflict tasks.")
        String conflictOwner() default "cs-leadership";

        @AttributeDefinition(name = "Seller play SLA (days)", min = "1", max = "90")
        int sellerSlaDays() default 7;

        @AttributeDefinition(name = "Buyer win-back SLA (days)", min = "1", max = "90")
        int buyerSlaDays() default 14;

        @AttributeDefinition(name = "Conflict SLA (days)", min = "1", max = "90")
        int conflictSlaDays() default 2;

    }

    private volatile Config config;

    public Marketplace() {
    }

    public Marketplace(Config config) {
        configure(config);
    }

    @Activate
    @Modified
    void configure(Config c) {
        check("liquidityDays", c.liquidityDays(), 1, 365);
        check("demandWindowDays", c.demandWindowDays(), 14, 365);
        check("demandDropPercent", c.demandDropPercent(), 5, 95);
        check("buyersForFullMarks", c.buyersForFullMarks(), 2, 1000);
        check("techTouchArr", c.techTouchArr(), 0, Long.MAX_VALUE / 1000);
        owner("techTouchOwner", c.techTouchOwner());
        check("conflictRatePercent", c.conflictRatePercent(), 1, 100);
        check("conflictMinBuyers", c.conflictMinBuyers(), 1, 1000);
        owner("conflictOwner", c.conflictOwner());
        check("sellerSlaDays", c.sellerSlaDays(), 1, 90);
        check("buyerSlaDays", c.buyerSlaDays(), 1, 90);
        check("conflictSlaDays", c.conflictSlaDays(), 1, 90);
        config = c;
    }

    private static void check(String name, long value, long min, long max) {
        Require.range(value, min, max, PID + " " + name);
    }

    private static void owner(String name, String value) {
        if (value == null || value.isBlank() || value.length() > 100) {
            throw new IllegalArgumentException(PID + " " + name + " '" + value + "' must be 1 to 100 characters");
        }
    }

    public Config config() {
        return config;
    }
}
