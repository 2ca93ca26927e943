package io.tenure.health;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Weights, thresholds and response windows of the health score; editable at runtime (DOMAIN.md §4 defaults). */
@ObjectClassDefinition(name = "Tenure health score", description = "How the three sub-scores make the composite, where "
        + "green and red begin, and how fast each status must be answered.")
public @interface HealthConfig {
    String PID = "io.tenure.health";

    @AttributeDefinition(name = "Usage weight", min = "0", max = "1")
    double usageWeight() default 0.4;

    @AttributeDefinition(name = "Sentiment weight", min = "0", max = "1")
    double sentimentWeight() default 0.3;

    @AttributeDefinition(name = "Relationship weight", min = "0", max = "1")
    double relationshipWeight() default 0.3;

    @AttributeDefinition(name = "Weights per segment or vertical", description = "Entries like segment:smb=0.6,0.2,0.2 or "
            + "vertical:enterprise=0.3,0.3,0.4 (usage, sentiment, relationship); a vertical entry wins over a segment one.")
    String[] weightOverrides() default {};

    @AttributeDefinition(name = "Green from", description = "Scores at or above this are green.", min = "1", max = "100")
    int greenThreshold() default 70;

    @AttributeDefinition(name = "Red below", description = "Scores below this are red.", min = "0", max = "99")
    int redThreshold() default 40;

    @AttributeDefinition(name = "Yellow: investigate within (business days)", min = "1", max = "60")
    int yellowResponseDays() default 5;

    @AttributeDefinition(name = "Red: escalate within (business days)", min = "1", max = "30")
    int redResponseDays() default 1;

    @AttributeDefinition(name = "Green: review within (business days)", min = "1", max = "365")
    int greenReviewDays() default 90;

    @AttributeDefinition(name = "Owner of unassigned accounts", description = "Who answers for the status of an account "
            + "without a CSM (a status without an owner is a defect).")
    String unassignedOwner() default "cs-leadership";

    @AttributeDefinition(name = "Recompute every (minutes)", description = "At most how often changed data is rescored "
            + "(only the accounts whose data changed; everyone on a new day). The first check runs 30 s after the start.",
            min = "1", max = "1440")
    int recomputeMinutes() default 15;

    @AttributeDefinition(name = "Time limit of one measure call (ms)", description = "A measure (a vertical's or a "
            + "partner's) that takes longer on one account is abandoned, left out for the rest of the run and reported "
            + "on the modules page.", min = "10", max = "60000")
    int measureTimeLimitMillis() default 2000;
}
