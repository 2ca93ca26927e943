package io.tenure.api.revenue;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;
import io.tenure.api.money.Money;

/**
 * A dated change of an account's ARR; the ledger of these is the single source of every revenue metric. The amount is
 * always positive; {@link #signedAmount()} gives its effect on ARR.
 *
 * @param accountId the account
 * @param id identifier of the movement
 * @param date the day the change takes effect
 * @param type new, expansion, contraction, churn or reactivation
 * @param kind for expansion and contraction: seat, tier, cross_sell or usage (optional); for churn: voluntary or
 *        involuntary (required); none for new and reactivation
 * @param amount the size of the change, positive
 * @param source who drove it
 * @param subscriptionId the subscription it changes, if known
 */
public record ArrMovement(String accountId, String id, LocalDate date, MovementType type, Optional<MovementKind> kind,
        Money amount, MovementSource source, Optional<String> subscriptionId) {

    private static final Set<MovementKind> GROWTH_KINDS = EnumSet.of(MovementKind.SEAT, MovementKind.TIER,
            MovementKind.CROSS_SELL, MovementKind.USAGE);
    private static final Set<MovementKind> CHURN_KINDS = EnumSet.of(MovementKind.VOLUNTARY, MovementKind.INVOLUNTARY);

    public static final EntityType<ArrMovement> TYPE = EntityType.builder("movements", ArrMovement.class,
            "the ARR movement ledger: new, expansion, contraction, churn, reactivation")
            .accountId(ArrMovement::accountId)
            .generatedId("movement_id", "identifier; derived from the row when empty", ArrMovement::id)
            .date("date", true, "day the change takes effect", ArrMovement::date)
            .code("type", true, MovementType.class, "new, expansion, contraction, churn or reactivation", ArrMovement::type)
            .code("kind", false, MovementKind.class,
                    "seat, tier, cross_sell or usage (expansion, contraction); voluntary or involuntary (churn)",
                    ArrMovement::kind)
            .money("amount", true, "size of the change in major units, positive", ArrMovement::amount)
            .code("source", false, MovementSource.class, "cs_led, sales_led or self_serve (default sales_led for new, "
                    + "cs_led otherwise)", ArrMovement::source)
            .text("subscription_id", false, 100, "the subscription it changes", ArrMovement::subscriptionId)
            .build(r -> {
                MovementType type = r.code("type", MovementType.class);
                return new ArrMovement(r.text("account_id"), r.text("movement_id"), r.date("date"), type,
                        r.optionalCode("kind", MovementKind.class), r.money("amount"),
                        r.optionalCode("source", MovementSource.class).orElse(
                                type == MovementType.NEW ? MovementSource.SALES_LED : MovementSource.CS_LED),
                        r.optionalText("subscription_id"));
            });

    public ArrMovement {
        Require.text(accountId, "account_id");
        Require.text(id, "movement_id");
        Require.present(date, "date");
        Require.present(type, "type");
        Require.optional(kind, "kind");
        Require.present(amount, "amount");
        Require.present(source, "source");
        Require.optional(subscriptionId, "subscription_id");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("amount " + amount.toDecimalString() + " must be positive; the type says "
                    + "which way ARR moves");
        }
        switch (type) {
            case EXPANSION, CONTRACTION -> kind.filter(k -> !GROWTH_KINDS.contains(k)).ifPresent(k -> {
                throw new IllegalArgumentException("kind " + code(k) + " does not fit a " + code(type)
                        + "; use seat, tier, cross_sell or usage");
            });
            case CHURN -> {
                if (kind.isEmpty() || !CHURN_KINDS.contains(kind.get())) {
                    throw new IllegalArgumentException("kind of a churn must be voluntary or involuntary"
                            + kind.map(k -> ", not " + code(k)).orElse(""));
                }
            }
            case NEW, REACTIVATION -> kind.ifPresent(k -> {
                throw new IllegalArgumentException("kind " + code(k) + " does not fit a " + code(type) + "; leave it empty");
            });
        }
    }

    private static String code(Enum<?> e) {
        return io.tenure.api.data.Codes.code(e);
    }

    /** The effect on ARR: positive for new, expansion and reactivation, negative for contraction and churn. */
    public Money signedAmount() {
        return type == MovementType.CONTRACTION || type == MovementType.CHURN ? amount.negate() : amount;
    }
}
