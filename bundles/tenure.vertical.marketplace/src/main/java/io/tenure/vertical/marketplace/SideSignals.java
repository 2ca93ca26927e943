package io.tenure.vertical.marketplace;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The side-specific situations the vertical's triggers, metric and page share, each an exact rule over the orders
 * dated before the as-of day.
 */
final class SideSignals {
    private SideSignals() {
    }

    /** A seller's fulfilled GMV over the window against the window before. */
    record DemandDrop(OrderWindow current, OrderWindow previous) {
        /** The fall as a whole percentage, rounded down. */
        long percentDown() {
            return (previous.fulfilledGmv() - current.fulfilledGmv()) * 100 / previous.fulfilledGmv();
        }
    }

    /** A seller whose cancelled and disputed orders hurt several buyers over the window. */
    record Conflict(String seller, OrderWindow window) {
        /** Cancelled and disputed orders ÷ orders, 4 decimals. */
        BigDecimal rate() {
            return BigDecimal.valueOf(window.problems()).divide(BigDecimal.valueOf(window.orders()), 4, RoundingMode.HALF_EVEN);
        }
    }

    /**
     * A seller (on the seller side as of {@code asOf}) whose fulfilled GMV over the demand window fell by at least the
     * configured share of the window before: current × 100 ≤ previous × (100 − drop%), previous above zero.
     */
    static Optional<DemandDrop> demandDrop(Market market, Marketplace.Config c, String account, LocalDate asOf) {
        if (!market.on(account, Side.SELLER, asOf)) {
            return Optional.empty();
        }
        List<MarketplaceOrder> sales = market.sales(account);
        OrderWindow current = OrderWindow.last(sales, asOf, c.demandWindowDays());
        OrderWindow previous = OrderWindow.previous(sales, asOf, c.demandWindowDays());
        if (previous.fulfilledGmv() <= 0 || !sameCurrency(current, previous)) {
            return Optional.empty();
        }
        boolean dropped = Math.multiplyExact(current.fulfilledGmv(), 100L)
                <= Math.multiplyExact(previous.fulfilledGmv(), 100L - c.demandDropPercent());
        return dropped ? Optional.of(new DemandDrop(current, previous)) : Optional.empty();
    }

    /**
     * A buyer (on the buyer side as of {@code asOf}) who ordered in the window before the demand window but not in it:
     * the day of its last order.
     */
    static Optional<LocalDate> lapsed(Market market, Marketplace.Config c, String account, LocalDate asOf) {
        if (!market.on(account, Side.BUYER, asOf)) {
            return Optional.empty();
        }
        List<MarketplaceOrder> purchases = market.purchases(account);
        OrderWindow current = OrderWindow.last(purchases, asOf, c.demandWindowDays());
        OrderWindow previous = OrderWindow.previous(purchases, asOf, c.demandWindowDays());
        if (current.orders() > 0 || previous.orders() == 0) {
            return Optional.empty();
        }
        return purchases.stream().map(MarketplaceOrder::date).filter(d -> d.isBefore(previous.to())).reduce((a, b) -> b);
    }

    /**
     * A seller whose cancelled and disputed orders over the demand window reach the conflict rate (problems × 100 ≥
     * orders × rate%) and hurt at least the configured number of distinct buyers. Sellers off the side are included:
     * a seller that left may still have hurt buyers.
     */
    static Optional<Conflict> conflict(Market market, Marketplace.Config c, String seller, LocalDate asOf) {
        OrderWindow w = OrderWindow.last(market.sales(seller), asOf, c.demandWindowDays());
        if (w.orders() == 0 || w.problems() * 100 < w.orders() * (long) c.conflictRatePercent()
                || w.hurtBuyers().size() < c.conflictMinBuyers()) {
            return Optional.empty();
        }
        return Optional.of(new Conflict(seller, w));
    }

    /** Every seller in conflict as of {@code asOf}, highest rate first. */
    static List<Conflict> conflicts(Market market, Marketplace.Config c, LocalDate asOf) {
        return market.everOn(Side.SELLER).stream().map(s -> conflict(market, c, s, asOf)).flatMap(Optional::stream)
                .sorted(java.util.Comparator.comparing(Conflict::rate).reversed().thenComparing(Conflict::seller)).toList();
    }

    private static boolean sameCurrency(OrderWindow a, OrderWindow b) {
        return a.currency().isEmpty() || a.currency().equals(b.currency());
    }
}
