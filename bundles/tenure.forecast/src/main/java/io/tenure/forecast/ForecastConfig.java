package io.tenure.forecast;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The renewal forecast's settings (DOMAIN.md §6 defaults): each bucket's probability and how health maps to buckets. */
@ObjectClassDefinition(name = "Tenure renewal forecast", description = "The probability of each confidence bucket, which "
        + "green accounts count as committed, and how renewals of closed periods are found and judged for calibration.")
public @interface ForecastConfig {
    String PID = "io.tenure.forecast";

    @AttributeDefinition(name = "Committed probability (%)", min = "0", max = "100")
    int committedProbability() default 95;

    @AttributeDefinition(name = "Likely probability (%)", min = "0", max = "100")
    int likelyProbability() default 80;

    @AttributeDefinition(name = "At risk probability (%)", min = "0", max = "100")
    int atRiskProbability() default 50;

    @AttributeDefinition(name = "Critical probability (%)", min = "0", max = "100")
    int criticalProbability() default 20;

    @AttributeDefinition(name = "Committed from score", description = "A green account whose latest score is at least "
            + "this is committed; other green accounts are likely. 101 leaves committed to overrides.", min = "0", max = "101")
    int committedFromScore() default 85;

    @AttributeDefinition(name = "Contract term (months)", description = "Months between two renewals of a subscription, to "
            + "find the renewals of past periods from its start and next renewal dates.", min = "1", max = "120")
    int termMonths() default 12;

    @AttributeDefinition(name = "Grace days", description = "Churn or contraction up to this many days after a renewal "
            + "date counts against that renewal; a period is closed for calibration this many days after its end.",
            min = "0", max = "365")
    int graceDays() default 30;

    @AttributeDefinition(name = "Renewals needed for a suggestion", description = "A bucket's probability is only "
            + "suggested from calibration when the closed periods hold at least this many of its renewals.", min = "1")
    int minRenewalsForSuggestion() default 10;
}
