package io.tenure.vertical.marketplace;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import io.tenure.api.account.Account;
import io.tenure.api.account.Vertical;
import io.tenure.api.money.Money;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.MovementType;

/**
 * Deterministic demo sides, orders and listings for the marketplace accounts of the demo base, derived from each
 * account's ARR movements (never from a health score). About 70% of the accounts buy, 22% sell and 8% do both. Over the
 * last {@value #DAYS} days each buyer orders at a rate set by its size and its own noise, mostly from a few preferred
 * sellers; an account trades only while it pays, and its trading fades over the {@value #FADE_DAYS} days before a
 * churn (and dips before a contraction), so the demand and repeat-purchase measures see what the ledger later shows.
 * Sellers drifting towards churn or contraction cancel more orders and take longer to sell their listings; a few have
 * operational trouble of their own (noise).
 */
final class DemoMarket {
    static final int DAYS = 365;
    static final int FADE_DAYS = 90;
    private static final String[] CATEGORIES = { "electronics", "home", "fashion", "industrial", "food", "books", "sports",
        "beauty" };

    /** What the demo adds. */
    record Result(List<MarketplaceSide> sides, List<MarketplaceOrder> orders, List<MarketplaceListing> listings) {
        long size() {
            return (long) sides.size() + orders.size() + listings.size();
        }
    }

    /** One marketplace account over the last {@value #DAYS} days. */
    private static final class Trader {
        final Account account;
        final SplittableRandom r;
        final boolean buys;
        final boolean sells;
        final long[] arr = new long[DAYS];
        final double[] activity = new double[DAYS];
        final double rate;
        final long price;
        final double problems;
        final String currency;
        final List<Trader> preferred = new ArrayList<>();
        int orders;
        int listings;

        Trader(Account account, List<ArrMovement> movements, LocalDate first, long seed) {
            this.account = account;
            this.r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + account.id().hashCode());
            double u = r.nextDouble();
            this.sells = u < 0.30;
            this.buys = u >= 0.22;
            this.rate = 0.08 + 0.25 * r.nextDouble();
            this.price = 2_000 + r.nextLong(150_000);
            this.problems = r.nextDouble() < 0.05 ? 0.12 + 0.1 * r.nextDouble() : 0.01 + 0.04 * r.nextDouble();
            this.currency = movements.stream().findFirst().map(m -> m.amount().currency().getCurrencyCode()).orElse("USD");
            for (int d = 0; d < DAYS; d++) {
                LocalDate day = first.plusDays(d);
                long a = 0;
                for (ArrMovement m : movements) {
                    if (!m.date().isAfter(day)) {
                        a += m.signedAmount().minorUnits();
                    }
                }
                arr[d] = a;
                activity[d] = a <= 0 ? 0 : fade(movements, day);
            }
        }

        /** 1 for a steady account; less as a churn (to 0) or a contraction (to 0.6) comes within {@value #FADE_DAYS} days. */
        private static double fade(List<ArrMovement> movements, LocalDate day) {
            double f = 1;
            for (ArrMovement m : movements) {
                long ahead = m.date().toEpochDay() - day.toEpochDay();
                if (ahead <= 0 || ahead >= FADE_DAYS) {
                    continue;
                }
                double near = 1 - (double) ahead / FADE_DAYS;
                if (m.type() == MovementType.CHURN) {
                    f = Math.min(f, 1 - near);
                } else if (m.type() == MovementType.CONTRACTION) {
                    f = Math.min(f, 1 - 0.4 * near);
                }
            }
            return f;
        }

        /** The account's weight as a seller on day {@code d}: size (square root of ARR, capped) times activity. */
        double weight(int d, double typicalArr) {
            return arr[d] <= 0 ? 0 : activity[d] * Math.min(3, Math.max(0.3, Math.sqrt(arr[d] / typicalArr)));
        }
    }

    private DemoMarket() {
    }

    static Result generate(List<Account> accounts, Map<String, List<ArrMovement>> movements, LocalDate asOf, long seed) {
        LocalDate first = asOf.minusDays(DAYS);
        List<Trader> traders = new ArrayList<>();
        for (Account a : accounts.stream().filter(a -> a.vertical() == Vertical.MARKETPLACE)
                .sorted(Comparator.comparing(Account::id)).toList()) {
            List<ArrMovement> list = new ArrayList<>(movements.getOrDefault(a.id(), List.of()));
            list.sort(Comparator.comparing(ArrMovement::date).thenComparing(ArrMovement::id));
            if (list.isEmpty() || a.signedDate().isAfter(asOf)) {
                continue;
            }
            traders.add(new Trader(a, list, first, seed));
        }
        List<Trader> sellers = traders.stream().filter(t -> t.sells).toList();
        double typical = traders.stream().mapToLong(t -> Math.max(1, t.arr[DAYS - 1])).sorted()
                .skip(traders.size() / 2).findFirst().orElse(1);
        for (Trader t : traders) {
            if (t.buys && !sellers.isEmpty()) {
                int n = 2 + t.r.nextInt(6);
                for (int i = 0; i < n; i++) {
                    t.preferred.add(sellers.get(t.r.nextInt(sellers.size())));
                }
            }
        }
        List<MarketplaceSide> sides = new ArrayList<>();
        for (Trader t : traders) {
            Optional<LocalDate> left = left(t, movements.get(t.account.id()), asOf);
            String category = CATEGORIES[t.r.nextInt(CATEGORIES.length)];
            if (t.buys) {
                sides.add(new MarketplaceSide(t.account.id(), Side.BUYER, t.account.signedDate(), left, Optional.of(category)));
            }
            if (t.sells) {
                sides.add(new MarketplaceSide(t.account.id(), Side.SELLER, t.account.signedDate(), left, Optional.of(category)));
            }
        }
        List<MarketplaceOrder> orders = new ArrayList<>();
        List<MarketplaceListing> listings = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            LocalDate day = first.plusDays(d);
            double[] cumulative = new double[sellers.size()];
            double total = 0;
            for (int s = 0; s < sellers.size(); s++) {
                Trader seller = sellers.get(s);
                total += seller.account.signedDate().isBefore(day) ? seller.weight(d, typical) : 0;
                cumulative[s] = total;
            }
            for (Trader buyer : traders) {
                if (!buyer.buys || !buyer.account.signedDate().isBefore(day) || total <= 0) {
                    continue;
                }
                int count = poisson(buyer.r, buyer.rate * buyer.weight(d, typical));
                for (int k = 0; k < count; k++) {
                    Trader seller = pick(buyer, sellers, cumulative, total, d, typical, day);
                    if (seller != null && seller != buyer) {
                        order(buyer, seller, d, day, orders, listings);
                    }
                }
            }
            for (Trader seller : sellers) {
                if (seller.weight(d, typical) > 0 && seller.r.nextDouble() < 0.04 * seller.activity[d]) {
                    listings.add(new MarketplaceListing(seller.account.id(), listingId(seller), day, Optional.empty()));
                }
            }
        }
        return new Result(sides, orders, listings);
    }

    /** The day the account last churned, when it has no ARR as of {@code asOf}. */
    private static Optional<LocalDate> left(Trader t, List<ArrMovement> movements, LocalDate asOf) {
        long arr = 0;
        LocalDate churned = null;
        for (ArrMovement m : movements.stream().sorted(Comparator.comparing(ArrMovement::date)).toList()) {
            if (m.date().isAfter(asOf)) {
                break;
            }
            arr += m.signedAmount().minorUnits();
            if (arr <= 0) {
                churned = m.date();
            }
        }
        return arr > 0 || churned == null || churned.isBefore(t.account.signedDate()) ? Optional.empty()
                : Optional.of(churned);
    }

    /**
     * Seven times in ten a preferred seller, kept with the probability of its activity that day (a fading seller loses
     * even its regulars); otherwise any seller by weight.
     */
    private static Trader pick(Trader buyer, List<Trader> sellers, double[] cumulative, double total, int d, double typical,
            LocalDate day) {
        if (!buyer.preferred.isEmpty() && buyer.r.nextDouble() < 0.7) {
            Trader p = buyer.preferred.get(buyer.r.nextInt(buyer.preferred.size()));
            if (p.account.signedDate().isBefore(day) && p.weight(d, typical) > 0 && buyer.r.nextDouble() < p.activity[d]) {
                return p;
            }
        }
        double x = buyer.r.nextDouble() * total;
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return sellers.get(lo);
    }

    private static void order(Trader buyer, Trader seller, int d, LocalDate day, List<MarketplaceOrder> orders,
            List<MarketplaceListing> listings) {
        SplittableRandom r = seller.r;
        double strain = 1 - seller.activity[d];
        double p = seller.problems + 0.25 * strain;
        double u = r.nextDouble();
        OrderStatus status = u < p * 0.6 ? OrderStatus.CANCELLED : u < p ? OrderStatus.DISPUTED : OrderStatus.FULFILLED;
        long gmv = Math.max(100, Math.round(seller.price * (0.5 + r.nextDouble())));
        orders.add(new MarketplaceOrder(seller.account.id(), String.format("ord-%06d", ++seller.orders),
                buyer.account.id(), day, Money.ofMinor(gmv, seller.currency), status));
        double mean = 8 + 35 * strain;
        LocalDate listed = day.minusDays((long) Math.floor(-Math.log(1 - r.nextDouble()) * mean));
        if (listed.isBefore(seller.account.signedDate())) {
            listed = seller.account.signedDate();
        }
        listings.add(new MarketplaceListing(seller.account.id(), listingId(seller), listed,
                status == OrderStatus.FULFILLED ? Optional.of(day) : Optional.empty()));
    }

    private static String listingId(Trader seller) {
        return String.format("lst-%06d", ++seller.listings);
    }

    /** A Poisson draw (Knuth) for the small daily rates used here. */
    private static int poisson(SplittableRandom r, double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        double limit = Math.exp(-lambda);
        double p = r.nextDouble();
        int k = 0;
        while (p > limit && k < 50) {
            p *= r.nextDouble();
            k++;
        }
        return k;
    }
}
