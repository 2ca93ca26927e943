package io.tenure.vertical.marketplace;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.money.Money;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.PlaybookTrigger;
import io.tenure.api.playbook.Signal;

/**
 * Seller side: a seller at or above the tech-touch ceiling whose fulfilled GMV over the demand window fell by 30% (a
 * setting) or more against the window before: its CSM finds out why buyers stopped coming within 7 days. One episode
 * a quarter. Long-tail sellers get {@link TechTouchTrigger}'s automated play instead.
 */
@Component(service = PlaybookTrigger.class, property = "tenure.settings.pid=" + Marketplace.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
public class SellerDemandTrigger implements PlaybookTrigger {
    @Reference
    private Marketplace marketplace;
    @Reference
    private MarketData data;

    public SellerDemandTrigger() {
    }

    SellerDemandTrigger(Marketplace marketplace, MarketData data) {
        this.marketplace = marketplace;
        this.data = data;
    }

    @Override
    public String name() {
        return "marketplace_seller_demand_drop";
    }

    @Override
    public String playbook() {
        return "seller_demand_recovery";
    }

    @Override
    public String description() {
        Marketplace.Config c = marketplace.config();
        return "seller's GMV down " + c.demandDropPercent() + "% or more over " + c.demandWindowDays()
                + " days: CSM works out why buyers left within " + c.sellerSlaDays() + " days";
    }

    @Override
    public List<String> steps() {
        return List.of("Compare the seller's listings, prices and ratings with the sellers buyers moved to",
                "Check fulfilment times and cancellations on the buyer side", "Agree two changes with the seller",
                "Review GMV and buyer count 30 days later");
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Marketplace.Config c = marketplace.config();
        Optional<Money> arr = Paying.arr(context);
        if (arr.isEmpty() || Paying.longTail(arr.get(), c)) {
            return List.of();
        }
        return SideSignals.demandDrop(data.current(), c, context.account().id(), context.asOf())
                .map(d -> List.of(new Signal("demand-drop@" + Paying.quarter(context), "Win back buyer demand: the seller's "
                        + "GMV fell " + d.percentDown() + "% in " + c.demandWindowDays() + " days",
                        Duration.ofDays(c.sellerSlaDays()), evidence(d, c)))).orElse(List.of());
    }

    static String evidence(SideSignals.DemandDrop d, Marketplace.Config c) {
        return "fulfilled GMV " + d.current().gmvFromBuyers() + " over the last " + c.demandWindowDays() + " days against "
                + d.previous().gmvFromBuyers() + " the " + c.demandWindowDays() + " days before (down " + d.percentDown() + "%)";
    }
}
