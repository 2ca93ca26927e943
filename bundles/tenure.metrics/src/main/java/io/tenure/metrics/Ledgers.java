package io.tenure.metrics;

import io.tenure.api.data.DataStore;
import io.tenure.api.metrics.MetricException;

/** Loads the ledger for a metric, turning a ledger the metrics cannot use into a clear answer. */
final class Ledgers {
    private Ledgers() {
    }

    static RevenueLedger load(DataStore store) throws MetricException {
        try {
            return RevenueLedger.load(store);
        } catch (IllegalStateException e) {
            throw MetricException.data(e.getMessage());
        }
    }
}
