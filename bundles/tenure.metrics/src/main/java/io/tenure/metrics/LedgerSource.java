package io.tenure.metrics;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.account.Account;
import io.tenure.api.data.DataStore;
import io.tenure.api.metrics.MetricException;
import io.tenure.api.revenue.ArrMovement;

/**
 * The columnar ledger the metrics compute on, kept between requests and reloaded only when the accounts or movements
 * tables have changed (on any node: the store's table versions live in the database).
 */
@Component(service = LedgerSource.class)
public class LedgerSource {
    private record Snapshot(long accounts, long movements, RevenueLedger ledger) {
    }

    @Reference
    private DataStore store;

    private volatile Snapshot snapshot;

    public LedgerSource() {
    }

    public LedgerSource(DataStore store) {
        this.store = store;
    }

    /** The current ledger. @throws MetricException when the ledger cannot serve metrics (mixed currencies) */
    public RevenueLedger current() throws MetricException {
        long accounts = store.version(Account.TYPE);
        long movements = store.version(ArrMovement.TYPE);
        Snapshot s = snapshot;
        if (s != null && s.accounts == accounts && s.movements == movements) {
            return s.ledger;
        }
        synchronized (this) {
            s = snapshot;
            if (s != null && s.accounts == accounts && s.movements == movements) {
                return s.ledger;
            }
            RevenueLedger ledger = Ledgers.load(store);
            snapshot = new Snapshot(accounts, movements, ledger);
            return ledger;
        }
    }
}
