package io.tenure.vertical.marketplace;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import io.tenure.api.account.Account;
import io.tenure.api.account.Vertical;
import io.tenure.api.data.DataException;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.DemoContribution;
import io.tenure.api.data.Query;
import io.tenure.api.revenue.ArrMovement;

/**
 * The demo's marketplace: sides, orders and listings for the demo base's marketplace accounts, derived from their ARR
 * movements by {@link DemoMarket}.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = DemoContribution.class)
public class MarketplaceDemo implements DemoContribution {
    @Override
    public String name() {
        return "marketplace sides and orders";
    }

    @Override
    public boolean present(DataStore store) {
        return store.repository(MarketplaceSide.TYPE).count(Query.all()) > 0;
    }

    @Override
    public long contribute(DataStore store, List<Account> accounts, LocalDate asOf, long seed) throws DataException {
        Set<String> marketplace = accounts.stream().filter(a -> a.vertical() == Vertical.MARKETPLACE).map(Account::id)
                .collect(Collectors.toSet());
        Map<String, List<ArrMovement>> movements = new HashMap<>();
        store.repository(ArrMovement.TYPE).scan(Query.all(), m -> {
            if (marketplace.contains(m.accountId())) {
                movements.computeIfAbsent(m.accountId(), k -> new ArrayList<>()).add(m);
            }
        });
        DemoMarket.Result result = DemoMarket.generate(accounts, movements, asOf, seed);
        store.saveAll(MarketplaceSide.TYPE, result.sides());
        store.saveAll(MarketplaceOrder.TYPE, result.orders());
        store.saveAll(MarketplaceListing.TYPE, result.listings());
        return result.size();
    }
}
