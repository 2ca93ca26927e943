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
 * Sentiment, buyers only: the buyer's experience of the other side. The share of its orders over the demand window
 * (90 days, a setting) that were fulfilled rather than cancelled or disputed, 0 to 100. Buyers without an order in the
 * window, and accounts that are not buyers, are not scored.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = HealthMeasure.class)
public class BuyerFulfilmentMeasure implements HealthMeasure {
    @Reference
    private Marketplace marketplace;
    @Reference
    private MarketData data;

    public BuyerFulfilmentMeasure() {
    }

    BuyerFulfilmentMeasure(Marketplace marketplace, MarketData data) {
        this.marketplace = marketplace;
        this.data = data;
    }

    @Override
    public String name() {
        return "marketplace_buyer_fulfilment";
    }

    @Override
    public Dimension dimension() {
        return Dimension.SENTIMENT;
    }

    @Override
    public Optional<MeasureResult> score(AccountHistory h) {
        Market market = data.current();
        String id = h.account().id();
        int days = marketplace.config().demandWindowDays();
        if (!market.on(id, Side.BUYER, h.asOf())) {
            return Optional.empty();
        }
        OrderWindow w = OrderWindow.last(market.purchases(id), h.asOf(), days);
        if (w.orders() == 0) {
            return Optional.empty();
        }
        long fulfilled = w.orders() - w.problems();
        return Optional.of(new MeasureResult(100.0 * fulfilled / w.orders(), fulfilled + " of " + w.orders()
                + " orders fulfilled over the last " + days + " days; " + w.problems() + " cancelled or disputed"));
    }
}
