package io.tenure.metrics;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The money figures the revenue metrics cannot read from the ledger: costs, margins, targets and the compensation
 * plan. Defaults from DOMAIN.md §3 and §7; 0 means "not known" where a cost has no sensible default.
 */
@ObjectClassDefinition(name = "Tenure finance settings", description = "Costs, margins and targets used by the P&L, "
        + "coverage, compensation and board metrics. Amounts in major units of the ledger's currency.")
public @interface FinanceConfig {
    String PID = "io.tenure.metrics.finance";

    @AttributeDefinition(name = "Gross margin", description = "Share of revenue kept after cost of revenue (0-1).", min = "0", max = "1")
    double grossMargin() default 0.75;

    @AttributeDefinition(name = "Cost of capital", description = "Yearly discount rate for discounted CLTV (0-1).", min = "0", max = "1")
    double costOfCapital() default 0.10;

    @AttributeDefinition(name = "Fully loaded CAC", description = "Cost to acquire one new logo; 0 when unknown.", min = "0")
    double cac() default 0;

    @AttributeDefinition(name = "Referral cost", description = "Cost of acquiring one logo through a referral; 0 when unknown.", min = "0")
    double referralCost() default 0;

    @AttributeDefinition(name = "Yearly CS cost", description = "Fully loaded cost of the CS team per year; 0 = the sum of the CSMs' annual costs.", min = "0")
    double csCost() default 0;

    @AttributeDefinition(name = "CS cost ceiling", description = "Highest acceptable CS cost as a share of the ARR it retains.", min = "0", max = "1")
    double csCostCeiling() default 0.30;

    @AttributeDefinition(name = "NRR target", min = "0", max = "5")
    double nrrTarget() default 1.10;

    @AttributeDefinition(name = "GRR target", min = "0", max = "1")
    double grrTarget() default 0.90;

    @AttributeDefinition(name = "Logo retention target", min = "0", max = "1")
    double logoRetentionTarget() default 0.90;

    @AttributeDefinition(name = "Variable share of pay", description = "Share of a CSM's on-target pay that is variable (default 20%).", min = "0", max = "1")
    double variableShare() default 0.20;

    @AttributeDefinition(name = "Variable weight: gross retention", min = "0", max = "1")
    double weightRetention() default 0.60;

    @AttributeDefinition(name = "Variable weight: expansion bookings", min = "0", max = "1")
    double weightExpansion() default 0.30;

    @AttributeDefinition(name = "Variable weight: health", min = "0", max = "1")
    double weightHealth() default 0.10;

    @AttributeDefinition(name = "Expansion target", description = "Yearly expansion bookings target as a share of the CSM's starting book.", min = "0", max = "5")
    double expansionTarget() default 0.10;

    @AttributeDefinition(name = "Health target", description = "Target share of the CSM's accounts that are green.", min = "0", max = "1")
    double healthTarget() default 0.70;

    @AttributeDefinition(name = "Payout cap", description = "Highest attainment paid per component (1.5 = 150%).", min = "1", max = "5")
    double payoutCap() default 1.5;

    @AttributeDefinition(name = "High touch from (ARR)", description = "Accounts with at least this ARR are high-touch (default $100K).", min = "0")
    double highTouchArr() default 100_000;

    @AttributeDefinition(name = "Low touch from (ARR)", description = "Accounts with at least this ARR (and below high touch) are low-touch; below it, tech-touch (default $25K).", min = "0")
    double lowTouchArr() default 25_000;
}
