package io.tenure.metrics;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.data.DataStore;

/** What the book-level metrics read: the ledger, the store and the finance settings. */
@Component(service = MetricContext.class)
public class MetricContext {
    @Reference
    private LedgerSource ledgers;
    @Reference
    private DataStore store;
    @Reference
    private Finance finance;

    public MetricContext() {
    }

    public MetricContext(LedgerSource ledgers, DataStore store, Finance finance) {
        this.ledgers = ledgers;
        this.store = store;
        this.finance = finance;
    }

    LedgerSource ledgers() {
        return ledgers;
    }

    DataStore store() {
        return store;
    }

    FinanceConfig finance() {
        return finance.config();
    }
}
