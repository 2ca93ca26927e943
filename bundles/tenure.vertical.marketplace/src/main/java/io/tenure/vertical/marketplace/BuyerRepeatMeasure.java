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
 * Usage, buyers only: repeat purchase. Orders placed over the demand window (90 days, a setting) as a share of the
 * window before, capped at 100; buying where there was none scores 100, no order in either window 0. A buyer that
 * joined within the last window, and accounts that are not buyers, are not scored.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = HealthMeasure.class)
public class BuyerRepeatMeasure implements HealthMeasure {
    @Reference
    private Marketplace marketplace;
    @Reference
    private MarketData data;

    public BuyerRepeatMeasure() {
    }

    BuyerRepeatMeasure(Marketplace marketplace, MarketData data) {
        this.marketplace = marketplace;
        this.data = data;
    }

    @Override
    public String name() {
        return "marketplace_buyer_repeat_purchase";
    }

    @Override
    public Dimension dimension() {
        return Dimension.USAGE;
    }

    @Override
    public Optional<MeasureResult> score(AccountHistory h) {
        Market market = data.current();
        String id = h.account().id();
        int days = marketplace.config().demandWindowDays();
        Optional<MarketplaceSide> side = market.side(id, Side.BUYER).filter(s -> s.memberOn(h.asOf()));
        if (side.isEmpty()) {
            return Optional.empty();
        }
        OrderWindow current = OrderWindow.last(market.purchases(id), h.asOf(), days);
        OrderWindow previous = OrderWindow.previous(market.purchases(id), h.asOf(), days);
        String detail = current.orders() + " orders over the last " + days + " days; " + previous.orders() + " the " + days
                + " days before";
        if (previous.orders() == 0) {
            if (current.orders() > 0) {
                return Optional.of(new MeasureResult(100, detail + ": buying again"));
            }
            return side.get().joinedOn().isBefore(h.asOf().minusDays(days)) ? Optional.of(new MeasureResult(0, detail))
                    : Optional.empty();
        }
        return Optional.of(new MeasureResult(Math.min(100.0, 100.0 * current.orders() / previous.orders()), detail));
    }
}
