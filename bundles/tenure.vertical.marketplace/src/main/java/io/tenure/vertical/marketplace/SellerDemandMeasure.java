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
 * Usage, sellers only: the buyer demand a seller keeps. Fulfilled GMV over the demand window (90 days, a setting) as a
 * share of the window before, capped at 100; demand where there was none scores 100, no sales in either window 0. A
 * seller that joined within the last window, and accounts that are not sellers, are not scored.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = HealthMeasure.class)
public class SellerDemandMeasure implements HealthMeasure {
    @Reference
    private Marketplace marketplace;
    @Reference
    private MarketData data;

    public SellerDemandMeasure() {
    }

    SellerDemandMeasure(Marketplace marketplace, MarketData data) {
        this.marketplace = marketplace;
        this.data = data;
    }

    @Override
    public String name() {
        return "marketplace_seller_demand";
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
        Optional<MarketplaceSide> side = market.side(id, Side.SELLER).filter(s -> s.memberOn(h.asOf()));
        if (side.isEmpty()) {
            return Optional.empty();
        }
        OrderWindow current = OrderWindow.last(market.sales(id), h.asOf(), days);
        OrderWindow previous = OrderWindow.previous(market.sales(id), h.asOf(), days);
        String detail = "fulfilled GMV " + current.gmvFromBuyers() + " over the last " + days + " days; "
                + previous.gmvFromBuyers() + " the " + days + " days before";
        if (previous.fulfilledGmv() == 0) {
            if (current.fulfilledGmv() > 0) {
                return Optional.of(new MeasureResult(100, detail + ": new demand"));
            }
            return side.get().joinedOn().isBefore(h.asOf().minusDays(days)) ? Optional.of(new MeasureResult(0, detail))
                    : Optional.empty();
        }
        double score = Math.min(100.0, 100.0 * current.fulfilledGmv() / previous.fulfilledGmv());
        return Optional.of(new MeasureResult(score, detail));
    }
}
