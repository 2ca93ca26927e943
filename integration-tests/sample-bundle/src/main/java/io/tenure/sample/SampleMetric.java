package io.tenure.sample;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.account.Account;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.Query;
import io.tenure.api.metrics.Metric;
import io.tenure.api.metrics.MetricParameter;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.metrics.MetricResult;

/** A partner metric: served at /api/v1/metrics/sample_accounts while this bundle runs. */
@Component(service = Metric.class)
public class SampleMetric implements Metric {
    @Reference
    private DataStore store;

    @Override
    public String name() {
        return "sample_accounts";
    }

    @Override
    public String title() {
        return "Accounts (sample partner metric)";
    }

    @Override
    public String definition() {
        return "the number of accounts in the store";
    }

    @Override
    public List<MetricParameter> parameters() {
        return List.of();
    }

    @Override
    public MetricResult compute(MetricRequest request) {
        return new MetricResult(name(), Map.of("accounts", store.repository(Account.TYPE).count(Query.all())), definition(),
                Map.of("asOf", request.asOf().toString()));
    }
}
