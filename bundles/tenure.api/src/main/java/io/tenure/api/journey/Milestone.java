package io.tenure.api.journey;

import java.time.LocalDate;
import java.util.Optional;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;

/**
 * An onboarding milestone; the one marked {@code firstValue} is the account's defined first value moment.
 *
 * @param accountId the account
 * @param id the milestone's identifier
 * @param name what it is, e.g. "SSO configured"
 * @param planned when it was planned, if planned
 * @param reached when it was reached, if it was
 * @param firstValue whether this is the first value moment
 */
public record Milestone(String accountId, String id, String name, Optional<LocalDate> planned,
        Optional<LocalDate> reached, boolean firstValue) {

    public static final EntityType<Milestone> TYPE = EntityType.builder("milestones", Milestone.class,
            "onboarding milestones and the first value moment")
            .accountId(Milestone::accountId)
            .id("milestone_id", "the milestone's identifier", Milestone::id)
            .text("name", true, 200, "what it is", Milestone::name)
            .date("planned_date", false, "when it was planned", Milestone::planned)
            .date("reached_date", false, "when it was reached", Milestone::reached)
            .bool("first_value", "this is the first value moment (default false)", Milestone::firstValue)
            .build(r -> new Milestone(r.text("account_id"), r.text("milestone_id"), r.text("name"),
                    r.optionalDate("planned_date"), r.optionalDate("reached_date"), r.bool("first_value", false)));

    public Milestone {
        Require.text(accountId, "account_id");
        Require.text(id, "milestone_id");
        Require.text(name, "name");
        Require.optional(planned, "planned_date");
        Require.optional(reached, "reached_date");
    }
}
