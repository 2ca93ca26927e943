package io.tenure.vertical.marketplace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.tenure.api.account.Account;
import io.tenure.api.account.JourneyStage;
import io.tenure.api.account.Vertical;
import io.tenure.api.money.Money;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.MovementKind;
import io.tenure.api.revenue.MovementSource;
import io.tenure.api.revenue.MovementType;

/** The demo marketplace: deterministic, marketplace accounts only, trading that follows each account's ledger. */
class DemoTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);

    private final List<Account> accounts = new ArrayList<>();
    private final Map<String, List<ArrMovement>> movements = new HashMap<>();
    private final Map<String, LocalDate> churnedOn = new HashMap<>();

    /** {@code n} accounts, every fifth of another vertical; every fourth marketplace account churns 40 to 70 days ago. */
    private void base(int n) {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            String id = String.format("acct-%04d", i);
            Vertical v = i % 5 == 4 ? Vertical.PLG : Vertical.MARKETPLACE;
            LocalDate signed = AS_OF.minusDays(400 + r.nextInt(600));
            accounts.add(new Account(id, id, v, Optional.empty(), Optional.empty(), Optional.empty(), signed,
                    JourneyStage.ADOPTION, Optional.empty(), Optional.empty()));
            List<ArrMovement> list = new ArrayList<>();
            long arr = (2_000 + r.nextInt(60_000)) * 100L;
            list.add(new ArrMovement(id, "m1", signed, MovementType.NEW, Optional.empty(), Money.ofMinor(arr, "USD"),
                    MovementSource.SALES_LED, Optional.empty()));
            if (v == Vertical.MARKETPLACE && i % 4 == 1) {
                LocalDate churn = AS_OF.minusDays(40 + r.nextInt(30));
                churnedOn.put(id, churn);
                list.add(new ArrMovement(id, "m2", churn, MovementType.CHURN, Optional.of(MovementKind.VOLUNTARY),
                        Money.ofMinor(arr, "USD"), MovementSource.CS_LED, Optional.empty()));
            }
            movements.put(id, list);
        }
    }

    @Test
    void theSameBaseAndSeedGiveTheSameMarketplace() {
        base(120);
        DemoMarket.Result a = DemoMarket.generate(accounts, movements, AS_OF, 42);
        DemoMarket.Result b = DemoMarket.generate(new ArrayList<>(accounts), new HashMap<>(movements), AS_OF, 42);
        assertEquals(a, b);
        assertTrue(a.orders().size() > 500, "a marketplace with trade: " + a.orders().size());
        assertTrue(!a.equals(DemoMarket.generate(accounts, movements, AS_OF, 43)), "another seed, another marketplace");
    }

    @Test
    void mostAccountsBuySomeSellAFewDoBoth() {
        base(400);
        DemoMarket.Result r = DemoMarket.generate(accounts, movements, AS_OF, 42);
        Set<String> marketplace = accounts.stream().filter(a -> a.vertical() == Vertical.MARKETPLACE).map(Account::id)
                .collect(Collectors.toSet());
        Set<String> buyers = r.sides().stream().filter(s -> s.side() == Side.BUYER).map(MarketplaceSide::accountId)
                .collect(Collectors.toSet());
        Set<String> sellers = r.sides().stream().filter(s -> s.side() == Side.SELLER).map(MarketplaceSide::accountId)
                .collect(Collectors.toSet());
        assertTrue(marketplace.containsAll(buyers) && marketplace.containsAll(sellers), "marketplace accounts only");
        long both = buyers.stream().filter(sellers::contains).count();
        assertTrue(buyers.size() > 2 * sellers.size() && sellers.size() > 3 * both && both > 0,
                buyers.size() + " buyers, " + sellers.size() + " sellers, " + both + " both");
        for (MarketplaceOrder o : r.orders()) {
            assertTrue(sellers.contains(o.accountId()) && buyers.contains(o.buyerAccountId()), o.toString());
            assertTrue(o.date().isBefore(AS_OF) && !o.date().isBefore(AS_OF.minusDays(DemoMarket.DAYS)), o.toString());
        }
        assertTrue(r.size() < 150_000, "rows stay sane: " + r.size());
    }

    @Test
    void churnedAccountsLeaveTheirSideAndTheirTradeFadesBeforeTheChurn() {
        base(400);
        DemoMarket.Result r = DemoMarket.generate(accounts, movements, AS_OF, 42);
        for (MarketplaceSide s : r.sides()) {
            assertEquals(Optional.ofNullable(churnedOn.get(s.accountId())), s.leftOn(), s.toString());
        }
        long late = 0;
        long early = 0;
        for (MarketplaceOrder o : r.orders()) {
            for (String party : List.of(o.accountId(), o.buyerAccountId())) {
                LocalDate churn = churnedOn.get(party);
                if (churn == null) {
                    continue;
                }
                assertTrue(o.date().isBefore(churn), "no trade on or after the churn: " + o);
                long before = churn.toEpochDay() - o.date().toEpochDay();
                late += before <= 30 ? 1 : 0;
                early += before > 90 && before <= 120 ? 1 : 0;
            }
        }
        assertTrue(early > 50 && late * 3 < early, "the 30 days before churn (" + late + " orders) against days 91-120 ("
                + early + ")");
    }

    @Test
    void listingsFollowTheOrders() {
        base(200);
        DemoMarket.Result r = DemoMarket.generate(accounts, movements, AS_OF, 42);
        long sold = r.listings().stream().filter(l -> l.soldOn().isPresent()).count();
        long fulfilled = r.orders().stream().filter(o -> o.status() == OrderStatus.FULFILLED).count();
        assertEquals(fulfilled, sold, "each fulfilled order sold a listing");
        assertTrue(r.listings().size() > sold, "some listings never sell");
        long problems = r.orders().size() - fulfilled;
        assertTrue(problems > 0 && problems * 5 < r.orders().size(), problems + " of " + r.orders().size() + " went wrong");
    }
}
