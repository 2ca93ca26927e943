package io.tenure.vertical.marketplace;

import java.time.LocalDate;
import java.util.Optional;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;

/**
 * An account's membership of one side of the marketplace; an account that both buys and sells has one row per side.
 *
 * @param accountId the account
 * @param side buyer or seller
 * @param joinedOn the day it joined that side
 * @param leftOn the day it left that side, if it did
 * @param category what it buys or sells, if known (e.g. {@code electronics})
 */
public record MarketplaceSide(String accountId, Side side, LocalDate joinedOn, Optional<LocalDate> leftOn,
        Optional<String> category) {

    public static final EntityType<MarketplaceSide> TYPE = EntityType.builder("marketplace_sides", MarketplaceSide.class,
            "the marketplace side(s) of each account: buyer, seller or both, with when it joined and left")
            .accountId(MarketplaceSide::accountId)
            .code("side", true, Side.class, "buyer or seller", MarketplaceSide::side)
            .date("joined_on", true, "day it joined the side", MarketplaceSide::joinedOn)
            .date("left_on", false, "day it left the side, if it did", MarketplaceSide::leftOn)
            .text("category", false, 100, "what it buys or sells", MarketplaceSide::category)
            .keyed("side")
            .build(r -> new MarketplaceSide(r.text("account_id"), r.code("side", Side.class), r.date("joined_on"),
                    r.optionalDate("left_on"), r.optionalText("category")));

    public MarketplaceSide {
        Require.text(accountId, "account_id");
        Require.present(side, "side");
        Require.present(joinedOn, "joined_on");
        Require.optional(leftOn, "left_on").filter(d -> d.isBefore(joinedOn)).ifPresent(d -> {
            throw new IllegalArgumentException("left_on " + d + " is before joined_on " + joinedOn);
        });
        Require.optional(category, "category");
    }

    /** Whether the account is on this side on {@code day}: joined before it and not left before it. */
    public boolean memberOn(LocalDate day) {
        return joinedOn.isBefore(day) && leftOn.filter(d -> d.isBefore(day)).isEmpty();
    }
}
