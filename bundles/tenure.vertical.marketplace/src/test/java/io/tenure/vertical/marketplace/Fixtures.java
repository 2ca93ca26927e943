package io.tenure.vertical.marketplace;

import java.lang.reflect.Proxy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tenure.api.account.Account;
import io.tenure.api.account.JourneyStage;
import io.tenure.api.account.Vertical;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.money.Money;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.MovementKind;
import io.tenure.api.revenue.MovementSource;
import io.tenure.api.revenue.MovementType;
import io.tenure.api.revenue.Subscription;
import io.tenure.api.revenue.SubscriptionStatus;

/** A small marketplace built by hand for the tests. */
class Fixtures {
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);
    static final LocalDate LONG_AGO = LocalDate.of(2024, 1, 1);

    final List<MarketplaceSide> sides = new ArrayList<>();
    final List<MarketplaceOrder> orders = new ArrayList<>();
    final List<MarketplaceListing> listings = new ArrayList<>();
    final List<ArrMovement> movements = new ArrayList<>();
    private int seq;

    static Marketplace marketplace(Map<String, Object> overrides) {
        return new Marketplace((Marketplace.Config) Proxy.newProxyInstance(Marketplace.Config.class.getClassLoader(),
                new Class<?>[] { Marketplace.Config.class }, (p, m, a) -> m.getName().equals("annotationType")
                        ? Marketplace.Config.class : overrides.getOrDefault(m.getName(), m.getDefaultValue())));
    }

    static Marketplace defaults() {
        return marketplace(Map.of());
    }

    Fixtures side(String account, Side side) {
        sides.add(new MarketplaceSide(account, side, LONG_AGO, Optional.empty(), Optional.empty()));
        return this;
    }

    Fixtures side(String account, Side side, LocalDate joined, LocalDate left) {
        sides.add(new MarketplaceSide(account, side, joined, Optional.ofNullable(left), Optional.empty()));
        return this;
    }

    /** An order of {@code dollars} placed {@code daysAgo} days before {@link #AS_OF}. */
    Fixtures order(String seller, String buyer, int daysAgo, long dollars, OrderStatus status) {
        orders.add(new MarketplaceOrder(seller, "o" + (++seq), buyer, AS_OF.minusDays(daysAgo), Money.ofMinor(dollars * 100, "USD"),
                status));
        return this;
    }

    Fixtures orderOn(String seller, String buyer, LocalDate date, long dollars, OrderStatus status) {
        orders.add(new MarketplaceOrder(seller, "o" + (++seq), buyer, date, Money.ofMinor(dollars * 100, "USD"), status));
        return this;
    }

    Fixtures listing(String seller, LocalDate listed, LocalDate sold) {
        listings.add(new MarketplaceListing(seller, "l" + (++seq), listed, Optional.ofNullable(sold)));
        return this;
    }

    Fixtures sold(String seller, String buyer, int daysAgo, long dollars) {
        return order(seller, buyer, daysAgo, dollars, OrderStatus.FULFILLED);
    }

    Fixtures movement(String account, LocalDate date, MovementType type, long dollars) {
        Optional<MovementKind> kind = type == MovementType.CHURN ? Optional.of(MovementKind.VOLUNTARY)
                : type == MovementType.EXPANSION || type == MovementType.CONTRACTION ? Optional.of(MovementKind.SEAT)
                        : Optional.empty();
        movements.add(new ArrMovement(account, "m" + (++seq), date, type, kind, Money.ofMinor(dollars * 100, "USD"),
                MovementSource.CS_LED, Optional.empty()));
        return this;
    }

    Market market() {
        return new Market(sides, orders, listings);
    }

    MarketData data() {
        return MarketData.fixed(market(), movements);
    }

    static AccountHistory history(String id, long arrDollars) {
        return history(id, arrDollars, AS_OF);
    }

    static AccountHistory history(String id, long arrDollars, LocalDate asOf) {
        Account account = new Account(id, id.toUpperCase(), Vertical.MARKETPLACE, Optional.empty(), Optional.empty(),
                Optional.of("ana"), LONG_AGO, JourneyStage.ADOPTION, Optional.empty(), Optional.empty());
        List<Subscription> subs = arrDollars <= 0 ? List.of() : List.of(new Subscription(id, "s", "core", Optional.empty(),
                Optional.empty(), Money.ofMinor(arrDollars * 100, "USD"), LONG_AGO, Optional.of(LocalDate.of(2027, 1, 1)),
                SubscriptionStatus.ACTIVE));
        return new AccountHistory(account, asOf, subs, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    static PlaybookContext context(String id, long arrDollars) {
        return PlaybookContext.of(history(id, arrDollars));
    }

    static PlaybookContext context(String id, long arrDollars, LocalDate asOf) {
        return PlaybookContext.of(history(id, arrDollars, asOf));
    }
}
