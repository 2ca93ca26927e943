package io.tenure.console;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.tenure.api.metrics.Metric;

/** The metrics registered now (Tenure's and partners'), for the dashboards that show them. */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = ConsoleMetrics.class)
public class ConsoleMetrics {
    private final List<Metric> metrics = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addMetric(Metric metric) {
        metrics.add(metric);
    }

    void removeMetric(Metric metric) {
        metrics.remove(metric);
    }

    /** The metric of that name, while its bundle runs. */
    Optional<Metric> named(String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
