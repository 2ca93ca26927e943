package io.tenure.vertical.marketplace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.FieldType;
import io.tenure.api.data.Row;
import io.tenure.api.money.Money;

/** The marketplace entities: names and keys the store accepts, rows that round-trip, bad values refused by field. */
class EntitiesTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 1);

    private static <T> T roundTrip(EntityType<T> type, T record) {
        Row row = type.toRow(record);
        return type.fromRow(new Row(row.values()));
    }

    @Test
    void theContributionDescribesThreeAccountScopedTypesInDependencyOrder() {
        List<EntityType<?>> types = new MarketplaceEntities().types();
        assertEquals(List.of("marketplace_sides", "marketplace_orders", "marketplace_listings"),
                types.stream().map(EntityType::name).toList());
        for (EntityType<?> t : types) {
            assertTrue(t.accountScoped(), t.name());
            assertTrue(t.key().size() >= 2 && t.key().get(0).equals("account_id"), t.name() + " keyed beyond the account");
            assertTrue(t.name().matches("[a-z][a-z0-9_]{0,47}"), t.name());
        }
        assertEquals(List.of("account_id", "side"), MarketplaceSide.TYPE.key());
        assertEquals(List.of("account_id", "order_id"), MarketplaceOrder.TYPE.key());
        assertEquals(FieldType.MONEY, MarketplaceOrder.TYPE.field("gmv").orElseThrow().type());
        assertEquals(List.of("fulfilled", "cancelled", "disputed"), MarketplaceOrder.TYPE.field("status").orElseThrow().codes());
    }

    @Test
    void sidesRoundTripWithAndWithoutTheirOptionalFields() {
        MarketplaceSide full = new MarketplaceSide("a1", Side.SELLER, DAY, Optional.of(DAY.plusDays(10)), Optional.of("home"));
        assertEquals(full, roundTrip(MarketplaceSide.TYPE, full));
        MarketplaceSide bare = new MarketplaceSide("a1", Side.BUYER, DAY, Optional.empty(), Optional.empty());
        assertEquals(bare, roundTrip(MarketplaceSide.TYPE, bare));
        assertEquals("buyer", MarketplaceSide.TYPE.toRow(bare).values().get("side"));
        assertFalse(MarketplaceSide.TYPE.toRow(bare).values().containsKey("left_on"));
        assertEquals(List.of("a1", "buyer"), MarketplaceSide.TYPE.keyOf(bare));
    }

    @Test
    void ordersAndListingsRoundTrip() {
        MarketplaceOrder o = new MarketplaceOrder("s1", "o1", "b1", DAY, Money.parse("120.50", "EUR"), OrderStatus.DISPUTED);
        assertEquals(o, roundTrip(MarketplaceOrder.TYPE, o));
        assertEquals("EUR", MarketplaceOrder.TYPE.toRow(o).values().get("currency"));
        MarketplaceListing sold = new MarketplaceListing("s1", "l1", DAY, Optional.of(DAY.plusDays(3)));
        assertEquals(sold, roundTrip(MarketplaceListing.TYPE, sold));
        MarketplaceListing open = new MarketplaceListing("s1", "l2", DAY, Optional.empty());
        assertEquals(open, roundTrip(MarketplaceListing.TYPE, open));
    }

    @Test
    void badRowsAreRefusedNamingTheField() {
        IllegalArgumentException side = assertThrows(IllegalArgumentException.class, () -> MarketplaceSide.TYPE.fromRow(
                new Row(Map.of("account_id", "a1", "side", "broker", "joined_on", DAY))));
        assertEquals("side 'broker' is not one of buyer, seller", side.getMessage());
        assertEquals("left_on 2026-02-28 is before joined_on 2026-03-01", assertThrows(IllegalArgumentException.class,
                () -> new MarketplaceSide("a1", Side.BUYER, DAY, Optional.of(DAY.minusDays(1)), Optional.empty())).getMessage());
        assertEquals("buyer_account_id s1 is the seller itself", assertThrows(IllegalArgumentException.class,
                () -> new MarketplaceOrder("s1", "o1", "s1", DAY, Money.ofMinor(1, "USD"), OrderStatus.FULFILLED)).getMessage());
        assertEquals("sold_on 2026-02-28 is before listed_on 2026-03-01", assertThrows(IllegalArgumentException.class,
                () -> new MarketplaceListing("s1", "l1", DAY, Optional.of(DAY.minusDays(1)))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> MarketplaceOrder.TYPE.fromRow(new Row(Map.of("account_id", "s1",
                "order_id", "o1", "date", DAY, "gmv", Money.ofMinor(1, "USD"), "status", "fulfilled"))), "buyer required");
    }

    @Test
    void membershipStartsAfterJoiningAndEndsOnTheDayLeft() {
        MarketplaceSide s = new MarketplaceSide("a1", Side.SELLER, DAY, Optional.of(DAY.plusDays(10)), Optional.empty());
        assertFalse(s.memberOn(DAY), "the day it joined");
        assertTrue(s.memberOn(DAY.plusDays(1)));
        assertTrue(s.memberOn(DAY.plusDays(10)), "the day it left still counts");
        assertFalse(s.memberOn(DAY.plusDays(11)));
    }
}
