package io.tenure.metrics;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.account.Account;
import io.tenure.api.data.DataStore;
import io.tenure.api.metrics.MetricException;
import io.tenure.api.revenue.ArrMovement;

/**
 * The columnar ledger the metrics compute on, kept between requests. When the accounts or movements tables change (on
 * any node: the store's table versions and change log live in the database) only the accounts the change log names
 * are read again and patched in; a full reload happens when the log no longer reaches back or most accounts changed.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = LedgerSource.class)
public class LedgerSource {
    private record Snapshot(long accounts, long movements, long accountChanges, long movementChanges, RevenueLedger ledger) {
    }

    /** Above this share of changed accounts a full reload is cheaper than a patch. */
    private static final double PATCH_LIMIT = 0.2;

    @Reference
    private DataStore store;

    private volatile Snapshot snapshot;
    /** How many times the whole ledger was read (the rest were patches). */
    final java.util.concurrent.atomic.AtomicInteger fullLoads = new java.util.concurrent.atomic.AtomicInteger();

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
            if (s != null) {
                DataStore.Changes accountChanges = store.changesSince(Account.TYPE, s.accountChanges);
                DataStore.Changes movementChanges = store.changesSince(ArrMovement.TYPE, s.movementChanges);
                java.util.Set<String> changed = new java.util.HashSet<>(accountChanges.accountIds());
                changed.addAll(movementChanges.accountIds());
                if (accountChanges.complete() && movementChanges.complete()
                        && changed.size() <= Math.max(100, s.ledger.accounts.size() * PATCH_LIMIT)) {
                    java.util.Map<String, java.util.Optional<Account>> acc = new java.util.HashMap<>();
                    java.util.Map<String, java.util.List<ArrMovement>> mov = new java.util.HashMap<>();
                    for (String id : changed) {
                        acc.put(id, store.repository(Account.TYPE).get(java.util.List.of(id)));
                        mov.put(id, store.repository(ArrMovement.TYPE).ofAccount(id));
                    }
                    try {
                        RevenueLedger patched = s.ledger.patched(acc, mov);
                        snapshot = new Snapshot(accounts, movements, accountChanges.upTo(), movementChanges.upTo(), patched);
                        return patched;
                    } catch (IllegalStateException e) {
                        throw MetricException.data(e.getMessage());
                    }
                }
            }
            long accountMark = store.changesSince(Account.TYPE, Long.MAX_VALUE).upTo();
            long movementMark = store.changesSince(ArrMovement.TYPE, Long.MAX_VALUE).upTo();
            RevenueLedger ledger;
            try {
                ledger = RevenueLedger.load(store);
            } catch (IllegalStateException e) {
                throw MetricException.data(e.getMessage());
            }
            fullLoads.incrementAndGet();
            snapshot = new Snapshot(accounts, movements, accountMark, movementMark, ledger);
            return ledger;
        }
    }
}
