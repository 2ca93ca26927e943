package io.tenure.health;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.data.DataStore;
import io.tenure.api.health.AccountHistories;
import io.tenure.api.health.AccountHistory;

/** {@link AccountHistories} over the store, for other bundles (playbooks, partners). */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = AccountHistories.class)
public class HistoryService implements AccountHistories {
    @Reference
    private DataStore store;

    public HistoryService() {
    }

    public HistoryService(DataStore store) {
        this.store = store;
    }

    @Override
    public Map<String, AccountHistory> all(LocalDate asOf, LocalDate earliest) {
        return Histories.all(store, asOf, earliest);
    }

    @Override
    public Optional<AccountHistory> of(String accountId, LocalDate asOf) {
        return Histories.of(store, accountId, asOf);
    }
}
