package io.tenure.api.revenue;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;
import io.tenure.api.money.Money;

/**
 * An expansion opportunity found at an account.
 *
 * @param accountId the account
 * @param id the opportunity's identifier
 * @param kind seat, tier, cross_sell or usage
 * @param amount expected added ARR
 * @param source who found it
 * @param stage where it stands
 * @param created when it was found
 * @param closed when it was won or lost, if it was
 * @param owner who works it (a CSM or an account executive), if assigned
 */
public record Opportunity(String accountId, String id, MovementKind kind, Money amount, MovementSource source,
        OpportunityStage stage, LocalDate created, Optional<LocalDate> closed, Optional<String> owner) {

    public static final EntityType<Opportunity> TYPE = EntityType.builder("opportunities", Opportunity.class,
            "expansion opportunities and their hand-off to sales")
            .accountId(Opportunity::accountId)
            .id("opportunity_id", "the opportunity's identifier", Opportunity::id)
            .code("kind", true, MovementKind.class, "seat, tier, cross_sell or usage", Opportunity::kind)
            .money("amount", true, "expected added ARR in major units", Opportunity::amount)
            .code("source", false, MovementSource.class, "who found it (default cs_led)", Opportunity::source)
            .code("stage", false, OpportunityStage.class,
                    "identified, qualified, handed_to_sales, won or lost (default identified)", Opportunity::stage)
            .date("created_date", true, "when it was found", Opportunity::created)
            .date("closed_date", false, "when it was won or lost", Opportunity::closed)
            .text("owner", false, 100, "who works it", Opportunity::owner)
            .build(r -> new Opportunity(r.text("account_id"), r.text("opportunity_id"), r.code("kind", MovementKind.class),
                    r.money("amount"), r.optionalCode("source", MovementSource.class).orElse(MovementSource.CS_LED),
                    r.optionalCode("stage", OpportunityStage.class).orElse(OpportunityStage.IDENTIFIED),
                    r.date("created_date"), r.optionalDate("closed_date"), r.optionalText("owner")));

    public Opportunity {
        Require.text(accountId, "account_id");
        Require.text(id, "opportunity_id");
        Require.present(kind, "kind");
        if (!EnumSet.of(MovementKind.SEAT, MovementKind.TIER, MovementKind.CROSS_SELL, MovementKind.USAGE).contains(kind)) {
            throw new IllegalArgumentException("kind " + io.tenure.api.data.Codes.code(kind)
                    + " is not an expansion kind; use seat, tier, cross_sell or usage");
        }
        Require.present(amount, "amount");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("amount " + amount.toDecimalString() + " must be positive");
        }
        Require.present(source, "source");
        Require.present(stage, "stage");
        Require.present(created, "created_date");
        Require.optional(closed, "closed_date").filter(d -> d.isBefore(created)).ifPresent(d -> {
            throw new IllegalArgumentException("closed_date " + d + " is before created_date " + created);
        });
        Require.optional(owner, "owner");
    }
}
