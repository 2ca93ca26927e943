package io.tenure.vertical.marketplace;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.tenure.api.revenue.ArrMovement;

/**
 * The marketplace over one period [from, to) as of a day: per side, §3 retention over the side's accounts and how many
 * of its members stayed on the side; liquidity; GMV and orders; active buyers and sellers; the sellers in conflict.
 */
record MarketplaceReport(LocalDate from, LocalDate to, LocalDate asOf, Map<Side, SideFigures> sides, Liquidity liquidity,
        String currency, long gmv, Map<OrderStatus, Long> orders, List<SideSignals.Conflict> conflicts) {

    /**
     * One side: its retention, the members on the side at {@code from} and how many were still on it at {@code to},
     * and the accounts active on it (a fulfilled order bought, or sold) in the period.
     */
    record SideFigures(SideRetention.Retention retention, int members, int membersStayed, int active) {
        /** Members still on the side at the end ÷ members at the start; null without members. */
        BigDecimal memberRetention() {
            return SideRetention.ratio(membersStayed, members);
        }
    }

    /**
     * Listings listed in the period whose window of {@code days} days had closed by the as-of day ({@code matured}),
     * those of them sold within it, and those still inside their window ({@code pending}).
     */
    record Liquidity(int days, long matured, long soldWithin, long pending) {
        /** soldWithin ÷ matured; null without a matured listing. */
        BigDecimal ratio() {
            return SideRetention.ratio(soldWithin, matured);
        }
    }

    /** @throws IllegalStateException when the ledger or the orders mix currencies */
    static MarketplaceReport of(Market market, List<ArrMovement> movements, Marketplace.Config c, LocalDate from,
            LocalDate to, LocalDate asOf) {
        Map<Side, SideFigures> sides = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            Set<String> members = market.members(side, from);
            SideRetention.Retention r = SideRetention.compute(movements, members, from, to);
            int stayed = (int) members.stream().filter(a -> market.on(a, side, to)).count();
            Set<String> active = new TreeSet<>();
            for (MarketplaceOrder o : market.orders()) {
                if (o.status() == OrderStatus.FULFILLED && !o.date().isBefore(from) && o.date().isBefore(to)) {
                    active.add(side == Side.BUYER ? o.buyerAccountId() : o.accountId());
                }
            }
            sides.put(side, new SideFigures(r, members.size(), stayed, active.size()));
        }
        long matured = 0;
        long sold = 0;
        long pending = 0;
        for (MarketplaceListing l : market.listings()) {
            if (l.listedOn().isBefore(from) || !l.listedOn().isBefore(to)) {
                continue;
            }
            LocalDate deadline = l.listedOn().plusDays(c.liquidityDays());
            if (!deadline.isBefore(asOf)) {
                pending++;
                continue;
            }
            matured++;
            if (l.soldOn().filter(d -> !d.isAfter(deadline)).isPresent()) {
                sold++;
            }
        }
        Set<String> currencies = new TreeSet<>();
        long gmv = 0;
        Map<OrderStatus, Long> orders = new EnumMap<>(OrderStatus.class);
        for (OrderStatus s : OrderStatus.values()) {
            orders.put(s, 0L);
        }
        for (MarketplaceOrder o : market.orders()) {
            if (o.date().isBefore(from) || !o.date().isBefore(to)) {
                continue;
            }
            orders.merge(o.status(), 1L, Long::sum);
            if (o.status() == OrderStatus.FULFILLED) {
                currencies.add(o.gmv().currency().getCurrencyCode());
                gmv = Math.addExact(gmv, o.gmv().minorUnits());
            }
        }
        if (currencies.size() > 1) {
            throw new IllegalStateException("the period's orders mix currencies " + currencies + "; GMV needs one currency");
        }
        String currency = currencies.isEmpty() ? sides.get(Side.SELLER).retention().currency() : currencies.iterator().next();
        return new MarketplaceReport(from, to, asOf, sides, new Liquidity(c.liquidityDays(), matured, sold, pending), currency,
                gmv, orders, SideSignals.conflicts(market, c, asOf));
    }
}
