package io.tenure.api.journey;

import java.time.LocalDate;
import java.util.Optional;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;

/**
 * A handoff between teams. A sales-to-CS handoff is complete only with goals, commitments and a stakeholder map.
 *
 * @param accountId the account
 * @param id identifier of the handoff
 * @param kind sales_to_cs, services_to_cs, cs_to_sales or cs_to_marketing
 * @param date when it happened
 * @param fromOwner who handed over, if recorded
 * @param toOwner who took over, if recorded
 * @param goals the customer's goals in their own words
 * @param commitments what was promised
 * @param stakeholderMap who matters and how
 * @param riskProfile known risks
 */
public record Handoff(String accountId, String id, HandoffKind kind, LocalDate date, Optional<String> fromOwner,
        Optional<String> toOwner, Optional<String> goals, Optional<String> commitments, Optional<String> stakeholderMap,
        Optional<String> riskProfile) {

    public static final EntityType<Handoff> TYPE = EntityType.builder("handoffs", Handoff.class,
            "handoffs: sales to CS, services to CS, CS to sales, CS to marketing")
            .accountId(Handoff::accountId)
            .generatedId("handoff_id", "identifier; derived from the row when empty", Handoff::id)
            .code("kind", true, HandoffKind.class, "sales_to_cs, services_to_cs, cs_to_sales or cs_to_marketing",
                    Handoff::kind)
            .date("date", true, "when it happened", Handoff::date)
            .text("from_owner", false, 100, "who handed over", Handoff::fromOwner)
            .text("to_owner", false, 100, "who took over", Handoff::toOwner)
            .text("goals", false, 4000, "the customer's goals in their words", Handoff::goals)
            .text("commitments", false, 4000, "what was promised", Handoff::commitments)
            .text("stakeholder_map", false, 4000, "who matters and how", Handoff::stakeholderMap)
            .text("risk_profile", false, 4000, "known risks", Handoff::riskProfile)
            .build(r -> new Handoff(r.text("account_id"), r.text("handoff_id"), r.code("kind", HandoffKind.class),
                    r.date("date"), r.optionalText("from_owner"), r.optionalText("to_owner"), r.optionalText("goals"),
                    r.optionalText("commitments"), r.optionalText("stakeholder_map"), r.optionalText("risk_profile")));

    public Handoff {
        Require.text(accountId, "account_id");
        Require.text(id, "handoff_id");
        Require.present(kind, "kind");
        Require.present(date, "date");
        Require.optional(fromOwner, "from_owner");
        Require.optional(toOwner, "to_owner");
        Require.optional(goals, "goals");
        Require.optional(commitments, "commitments");
        Require.optional(stakeholderMap, "stakeholder_map");
        Require.optional(riskProfile, "risk_profile");
    }
}
