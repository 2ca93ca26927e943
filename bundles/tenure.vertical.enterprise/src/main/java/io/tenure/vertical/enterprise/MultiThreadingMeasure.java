package io.tenure.vertical.enterprise;

import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.MeasureResult;

/**
 * Relationship, enterprise accounts only: contacts in meaningful conversation over the last 90 days; one thread scores
 * 0, four (a setting) or more score 100. An enterprise account hanging on one person is one resignation from churn.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = HealthMeasure.class)
public class MultiThreadingMeasure implements HealthMeasure {
    @Reference
    private Enterprise enterprise;

    public MultiThreadingMeasure() {
    }

    MultiThreadingMeasure(Enterprise enterprise) {
        this.enterprise = enterprise;
    }

    @Override
    public String name() {
        return "enterprise_multi_threading";
    }

    @Override
    public Dimension dimension() {
        return Dimension.RELATIONSHIP;
    }

    @Override
    public Optional<MeasureResult> score(AccountHistory h) {
        if (!Stakeholders.enterprise(h.account()) || h.interactions().isEmpty()) {
            return Optional.empty();
        }
        Enterprise.Config c = enterprise.config();
        Set<String> threads = Stakeholders.threads(h, c.lookbackDays());
        double score = threads.isEmpty() ? 0 : Math.min(100, 100.0 * (threads.size() - 1) / (c.threadsForFullMarks() - 1));
        return Optional.of(new MeasureResult(score, threads.size() + " contacts in meaningful conversation over "
                + c.lookbackDays() + " days"));
    }
}
