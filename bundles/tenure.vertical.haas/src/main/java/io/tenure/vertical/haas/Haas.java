package io.tenure.vertical.haas;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.tenure.api.account.Account;
import io.tenure.api.account.Vertical;
import io.tenure.api.data.Require;

/**
 * The hardware-as-a-service vertical's settings, shared by its measures, triggers, metric, page and fleet index
 * (PID {@value #PID}). Every value is range-checked; a bad one is refused with its name, value and range.
 */
@Component(service = Haas.class, configurationPid = Haas.PID)
@Designate(ocd = Haas.Config.class)
public class Haas {
    public static final String PID = "io.tenure.vertical.haas";

    @ObjectClassDefinition(name = "Hardware-as-a-service vertical", description = "Device uptime, faults, firmware age, "
            + "field service and logistics; RMA and follow-up playbooks; margin on per-unit marginal cost.")
    public @interface Config {
        @AttributeDefinition(name = "Uptime target (%)", description = "Fleet uptime at or above this scores 100.", min = "50", max = "100")
        double uptimeTargetPercent() default 99.5;

        @AttributeDefinition(name = "Uptime floor (%)", description = "Fleet uptime at or below this scores 0; linear in between.", min = "0", max = "100")
        double uptimeFloorPercent() default 95.0;

        @AttributeDefinition(name = "Window (days)", description = "The days before the scored day that uptime, faults and repeat visits cover.", min = "7", max = "180")
        int windowDays() default 30;

        @AttributeDefinition(name = "Fault rate for full marks", description = "Faults per device per 30 days at or below which the fault measure scores 100.", min = "0", max = "100")
        double faultRateGood() default 0.5;

        @AttributeDefinition(name = "Fault rate scoring 0", description = "Faults per device per 30 days at or above which the fault measure scores 0.", min = "0", max = "1000")
        double faultRateBad() default 3.0;

        @AttributeDefinition(name = "Firmware age limit (days)", description = "A device whose firmware was released longer ago than this is out of date.", min = "30", max = "1095")
        int firmwareAgeLimitDays() default 180;

        @AttributeDefinition(name = "Service burden scoring 0", description = "Open service events plus repeat visits per 100 devices at which the field-service measure scores 0.", min = "1", max = "1000")
        int serviceBurdenForZero() default 20;

        @AttributeDefinition(name = "Repeat visit within (days)", description = "A field visit to a device visited this many days before is a repeat visit.", min = "1", max = "180")
        int repeatVisitDays() default 30;

        @AttributeDefinition(name = "RMA: faults on one device", description = "A device with at least this many faults over the RMA window needs replacing.", min = "1", max = "100")
        int rmaFaults() default 3;

        @AttributeDefinition(name = "RMA window (days)", min = "1", max = "180")
        int rmaWindowDays() default 30;

        @AttributeDefinition(name = "RMA: device uptime below (%)", description = "A device whose uptime over the RMA window is below this needs replacing.", min = "0", max = "100")
        double rmaUptimePercent() default 90.0;

        @AttributeDefinition(name = "RMA: days reported", description = "Days a device must have reported in the RMA window before its uptime can call for an RMA.", min = "1", max = "180")
        int rmaMinDays() default 7;

        @AttributeDefinition(name = "RMA task SLA (days)", min = "1", max = "30")
        int rmaSlaDays() default 2;

        @AttributeDefinition(name = "Field-service follow-up (days)", description = "Follow up with the customer within this many days of a resolved field visit.", min = "1", max = "30")
        int followUpDays() default 3;

        @AttributeDefinition(name = "Logistics delay after (days)", description = "A logistics or replacement shipment open longer than this is late.", min = "1", max = "90")
        int logisticsDelayDays() default 5;

        @AttributeDefinition(name = "Logistics task SLA (days)", min = "1", max = "30")
        int logisticsSlaDays() default 2;

        @AttributeDefinition(name = "Default unit cost (per year)", description = "Per-unit marginal cost per year (hardware amortisation, service, connectivity) in major units of the ledger currency, for devices without one.", min = "0", max = "10000000")
        long defaultUnitCost() default 600;

        @AttributeDefinition(name = "Cost of capital (%)", description = "Yearly discount rate of the discounted CLTV.", min = "0", max = "100")
        double costOfCapitalPercent() default 10.0;

        @AttributeDefinition(name = "Retention spend ceiling (%)", description = "Highest yearly retention spend per unit as a share of the unit's yearly margin.", min = "0", max = "100")
        double retentionSpendCeilingPercent() default 30.0;

        @AttributeDefinition(name = "Device days kept in memory (days)", description = "How far back the fleet index reads daily device rollups; scores of older days see no device days.", min = "90", max = "1100")
        int historyDays() default 400;
    }

    private volatile Config config;

    public Haas() {
    }

    public Haas(Config config) {
        configure(config);
    }

    @Activate
    @Modified
    void configure(Config c) {
        decimal("uptimeTargetPercent", c.uptimeTargetPercent(), 50, 100);
        decimal("uptimeFloorPercent", c.uptimeFloorPercent(), 0, 100);
        if (c.uptimeFloorPercent() >= c.uptimeTargetPercent()) {
            throw new IllegalArgumentException(PID + " uptimeFloorPercent " + c.uptimeFloorPercent()
                    + " must be below uptimeTargetPercent " + c.uptimeTargetPercent());
        }
        check("windowDays", c.windowDays(), 7, 180);
        decimal("faultRateGood", c.faultRateGood(), 0, 100);
        decimal("faultRateBad", c.faultRateBad(), 0, 1000);
        if (c.faultRateGood() >= c.faultRateBad()) {
            throw new IllegalArgumentException(PID + " faultRateGood " + c.faultRateGood() + " must be below faultRateBad "
                    + c.faultRateBad());
        }
        check("firmwareAgeLimitDays", c.firmwareAgeLimitDays(), 30, 1095);
        check("serviceBurdenForZero", c.serviceBurdenForZero(), 1, 1000);
        check("repeatVisitDays", c.repeatVisitDays(), 1, 180);
        check("rmaFaults", c.rmaFaults(), 1, 100);
        check("rmaWindowDays", c.rmaWindowDays(), 1, 180);
        decimal("rmaUptimePercent", c.rmaUptimePercent(), 0, 100);
        check("rmaMinDays", c.rmaMinDays(), 1, c.rmaWindowDays());
        check("rmaSlaDays", c.rmaSlaDays(), 1, 30);
        check("followUpDays", c.followUpDays(), 1, 30);
        check("logisticsDelayDays", c.logisticsDelayDays(), 1, 90);
        check("logisticsSlaDays", c.logisticsSlaDays(), 1, 30);
        check("defaultUnitCost", c.defaultUnitCost(), 0, 10_000_000);
        decimal("costOfCapitalPercent", c.costOfCapitalPercent(), 0, 100);
        decimal("retentionSpendCeilingPercent", c.retentionSpendCeilingPercent(), 0, 100);
        check("historyDays", c.historyDays(), 90, 1100);
        config = c;
    }

    private static void check(String name, long value, long min, long max) {
        Require.range(value, min, max, PID + " " + name);
    }

    private static void decimal(String name, double value, double min, double max) {
        if (Double.isNaN(value) || value < min || value > max) {
            throw new IllegalArgumentException(PID + " " + name + " " + value + " is not between " + min + " and " + max);
        }
    }

    public Config config() {
        return config;
    }

    /** Whether the vertical looks at {@code account}: hardware-as-a-service accounts only. */
    static boolean serves(Account account) {
        return account.vertical() == Vertical.HAAS;
    }
}
