package io.tenure.vertical.marketplace;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The marketplace as stored at one moment, indexed for a health run over every account: sides by account, orders by
 * seller and by buyer (oldest first), listings by seller. Immutable; {@link MarketData} replaces it when the store
 * changes.
 */
final class Market {
    static final Market EMPTY = new Market(List.of(), List.of(), List.of());

    private final Map<String, List<MarketplaceSide>> sides = new HashMap<>();
    private final Map<String, List<MarketplaceOrder>> bySeller = new HashMap<>();
    private final Map<String, List<MarketplaceOrder>> byBuyer = new HashMap<>();
    private final Map<String, List<MarketplaceListing>> listings = new HashMap<>();
    private final List<MarketplaceOrder> orders;
    private final List<MarketplaceListing> allListings;

    Market(List<MarketplaceSide> sideRows, List<MarketplaceOrder> orderRows, List<MarketplaceListing> listingRows) {
        for (MarketplaceSide s : sideRows) {
            sides.computeIfAbsent(s.accountId(), k -> new ArrayList<>()).add(s);
        }
        List<MarketplaceOrder> sorted = new ArrayList<>(orderRows);
        sorted.sort(Comparator.comparing(MarketplaceOrder::date).thenComparing(MarketplaceOrder::accountId)
                .thenComparing(MarketplaceOrder::id));
        for (MarketplaceOrder o : sorted) {
            bySeller.computeIfAbsent(o.accountId(), k -> new ArrayList<>()).add(o);
            byBuyer.computeIfAbsent(o.buyerAccountId(), k -> new ArrayList<>()).add(o);
        }
        this.orders = List.copyOf(sorted);
        for (MarketplaceListing l : listingRows) {
            listings.computeIfAbsent(l.accountId(), k -> new ArrayList<>()).add(l);
        }
        this.allListings = List.copyOf(listingRows);
    }

    /** The account's row for {@code side}, if it has one. */
    Optional<MarketplaceSide> side(String accountId, Side side) {
        return sides.getOrDefault(accountId, List.of()).stream().filter(s -> s.side() == side).findFirst();
    }

    /** Whether the account is on {@code side} on {@code day}. */
    boolean on(String accountId, Side side, LocalDate day) {
        return side(accountId, side).filter(s -> s.memberOn(day)).isPresent();
    }

    /** The accounts on {@code side} on {@code day}, sorted. */
    Set<String> members(Side side, LocalDate day) {
        Set<String> out = new TreeSet<>();
        sides.forEach((id, rows) -> rows.stream().filter(s -> s.side() == side && s.memberOn(day)).findFirst()
                .ifPresent(s -> out.add(id)));
        return out;
    }

    /** Every account with a side row of {@code side}, sorted. */
    Set<String> everOn(Side side) {
        Set<String> out = new TreeSet<>();
        sides.forEach((id, rows) -> rows.stream().filter(s -> s.side() == side).findFirst().ifPresent(s -> out.add(id)));
        return out;
    }

    /** The seller's orders, oldest first. */
    List<MarketplaceOrder> sales(String seller) {
        return bySeller.getOrDefault(seller, List.of());
    }

    /** The buyer's orders, oldest first. */
    List<MarketplaceOrder> purchases(String buyer) {
        return byBuyer.getOrDefault(buyer, List.of());
    }

    List<MarketplaceListing> listings(String seller) {
        return listings.getOrDefault(seller, List.of());
    }

    /** Every order, oldest first. */
    List<MarketplaceOrder> orders() {
        return orders;
    }

    List<MarketplaceListing> listings() {
        return allListings;
    }

    boolean isEmpty() {
        return sides.isEmpty() && orders.isEmpty() && allListings.isEmpty();
    }
}
