package io.tenure.vertical.marketplace;

import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.MeasureResult;

/**
 * Relationship, sellers only: how widely a seller's demand is spread over the buyer side. From the fulfilled GMV of the
 * demand window by buyer, the buyer concentration H = Σ share² and the effective number of buyers 1 ÷ H; one buyer
 * scores 0, ten equal buyers (a setting) or more score 100, linearly between. A seller hanging on one buyer is one
 * lost buyer from an empty shop. Sellers without fulfilled sales in the window are not scored (buyer demand is).
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = HealthMeasure.class)
public class NetworkPositionMeasure implements HealthMeasure {
    @Reference
    private Marketplace marketplace;
    @Reference
    private MarketData data;

    public NetworkPositionMeasure() {
    }

    NetworkPositionMeasure(Marketplace marketplace, MarketData data) {
        this.marketplace = marketplace;
        this.data = data;
    }

    @Override
    public String name() {
        return "marketplace_network_position";
    }

    @Override
    public Dimension dimension() {
        return Dimension.RELATIONSHIP;
    }

    @Override
    public Optional<MeasureResult> score(AccountHistory h) {
        Market market = data.current();
        String id = h.account().id();
        Marketplace.Config c = marketplace.config();
        if (!market.on(id, Side.SELLER, h.asOf())) {
            return Optional.empty();
        }
        OrderWindow w = OrderWindow.last(market.sales(id), h.asOf(), c.demandWindowDays());
        if (w.fulfilledGmv() == 0) {
            return Optional.empty();
        }
        double total = w.fulfilledGmv();
        double concentration = 0;
        long largest = 0;
        for (long gmv : w.gmvByBuyer().values()) {
            concentration += (gmv / total) * (gmv / total);
            largest = Math.max(largest, gmv);
        }
        double effective = 1 / concentration;
        double score = Math.max(0, Math.min(100, 100 * (effective - 1) / (c.buyersForFullMarks() - 1)));
        return Optional.of(new MeasureResult(score, String.format(java.util.Locale.ROOT,
                "%d buyer%s over %d days; the largest brings %.0f%% of fulfilled GMV; %.1f effective buyers of %d for full marks",
                w.gmvByBuyer().size(), w.gmvByBuyer().size() == 1 ? "" : "s", c.demandWindowDays(), 100.0 * largest / total, effective, c.buyersForFullMarks())));
    }
}
