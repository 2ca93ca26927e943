package io.tenure.api.account;

import java.time.LocalDate;
import java.util.Optional;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;

/**
 * A move of an account from one journey stage to another.
 *
 * @param accountId the account
 * @param id identifier of the change
 * @param date when it happened
 * @param from the stage left, if there was one
 * @param to the stage entered
 * @param reason why (a rule's name or a person's note)
 */
public record StageChange(String accountId, String id, LocalDate date, Optional<JourneyStage> from, JourneyStage to,
        Optional<String> reason) {

    public static final EntityType<StageChange> TYPE = EntityType.builder("stage_changes", StageChange.class,
            "journey stage transitions with dates and reasons")
            .accountId(StageChange::accountId)
            .generatedId("change_id", "identifier; derived from the row when empty", StageChange::id)
            .date("date", true, "date of the transition", StageChange::date)
            .code("from_stage", false, JourneyStage.class, "stage left", StageChange::from)
            .code("to_stage", true, JourneyStage.class, "stage entered", StageChange::to)
            .text("reason", false, 1000, "why", StageChange::reason)
            .build(r -> new StageChange(r.text("account_id"), r.text("change_id"), r.date("date"),
                    r.optionalCode("from_stage", JourneyStage.class), r.code("to_stage", JourneyStage.class),
                    r.optionalText("reason")));

    public StageChange {
        Require.text(accountId, "account_id");
        Require.text(id, "change_id");
        Require.present(date, "date");
        Require.optional(from, "from_stage");
        Require.present(to, "to_stage");
        Require.optional(reason, "reason");
    }
}
