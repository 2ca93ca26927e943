package io.tenure.vertical.marketplace;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a list of orders adds up to over the days {@code [from, to)}: orders, the cancelled or disputed ones, fulfilled
 * GMV (in minor units of the first order's currency; orders in another currency are left out of the sums) by buyer,
 * and the buyers hurt by a cancelled or disputed order.
 */
record OrderWindow(LocalDate from, LocalDate to, long orders, long problems, long fulfilledGmv, Optional<String> currency,
        Map<String, Long> gmvByBuyer, Set<String> buyers, Set<String> hurtBuyers) {

    static OrderWindow of(List<MarketplaceOrder> list, LocalDate from, LocalDate to) {
        long orders = 0;
        long problems = 0;
        long gmv = 0;
        String currency = null;
        Map<String, Long> byBuyer = new TreeMap<>();
        Set<String> buyers = new TreeSet<>();
        Set<String> hurt = new TreeSet<>();
        for (MarketplaceOrder o : list) {
            if (o.date().isBefore(from) || !o.date().isBefore(to)) {
                continue;
            }
            orders++;
            buyers.add(o.buyerAccountId());
            if (o.status().problem()) {
                problems++;
                hurt.add(o.buyerAccountId());
                continue;
            }
            String c = o.gmv().currency().getCurrencyCode();
            currency = currency == null ? c : currency;
            if (c.equals(currency)) {
                gmv += o.gmv().minorUnits();
                byBuyer.merge(o.buyerAccountId(), o.gmv().minorUnits(), Long::sum);
            }
        }
        return new OrderWindow(from, to, orders, problems, gmv, Optional.ofNullable(currency), byBuyer, buyers, hurt);
    }

    /** The window of {@code days} days before {@code asOf}: {@code [asOf - days, asOf)}. */
    static OrderWindow last(List<MarketplaceOrder> list, LocalDate asOf, int days) {
        return of(list, asOf.minusDays(days), asOf);
    }

    /** The {@code days} days before those: {@code [asOf - 2 days, asOf - days)}. */
    static OrderWindow previous(List<MarketplaceOrder> list, LocalDate asOf, int days) {
        return of(list, asOf.minusDays(2L * days), asOf.minusDays(days));
    }

    /** Fulfilled GMV and how many buyers it came from, e.g. {@code 1200.00 USD from 3 buyers}. */
    String gmvFromBuyers() {
        int n = gmvByBuyer.size();
        return gmvText() + " from " + n + (n == 1 ? " buyer" : " buyers");
    }

    /** GMV in major units with its currency, e.g. {@code 1200.00 USD}. */
    String gmvText() {
        return currency.map(c -> io.tenure.api.money.Money.ofMinor(fulfilledGmv, c).toDecimalString() + " " + c)
                .orElse("0");
    }
}
