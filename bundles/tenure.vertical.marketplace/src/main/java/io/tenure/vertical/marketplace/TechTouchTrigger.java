package io.tenure.vertical.marketplace;

import java.time.Duration;
import java.util.ArrayList;
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
 * The long tail: a paying account below the tech-touch ceiling ($5,000 ARR, a setting) with a seller demand drop or a
 * lapsed buyer side gets the automated side play (in-product and e-mail sequence) rather than a CSM's time. Its tasks
 * are owned by the automation owner (a setting). Same rules and episodes as {@link SellerDemandTrigger} and
 * {@link BuyerWinBackTrigger}.
 */
@Component(service = PlaybookTrigger.class, property = "tenure.settings.pid=" + Marketplace.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
public class TechTouchTrigger implements PlaybookTrigger {
    static final String NAME = "marketplace_tech_touch";

    @Reference
    private Marketplace marketplace;
    @Reference
    private MarketData data;

    public TechTouchTrigger() {
    }

    TechTouchTrigger(Marketplace marketplace, MarketData data) {
        this.marketplace = marketplace;
        this.data = data;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String playbook() {
        return "marketplace_tech_touch";
    }

    @Override
    public String description() {
        Marketplace.Config c = marketplace.config();
        return "long-tail account (ARR below " + c.techTouchArr() + ") with a seller demand drop or a lapsed buyer side: "
                + "automated side play, owned by " + c.techTouchOwner();
    }

    @Override
    public List<String> steps() {
        return List.of("Send the side's automated sequence (seller: listing tips and promotion credits; buyer: "
                + "recommendations and a comeback offer)", "Watch the next order or sale", "Hand to a CSM only if the account "
                        + "grows above the tech-touch ceiling");
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Marketplace.Config c = marketplace.config();
        Optional<Money> arr = Paying.arr(context);
        if (arr.isEmpty() || !Paying.longTail(arr.get(), c)) {
            return List.of();
        }
        Market market = data.current();
        String id = context.account().id();
        Duration sla = Duration.ofDays(c.sellerSlaDays());
        List<Signal> out = new ArrayList<>();
        SideSignals.demandDrop(market, c, id, context.asOf()).ifPresent(d -> out.add(new Signal("seller-demand@"
                + Paying.quarter(context), "Automated seller play: GMV fell " + d.percentDown() + "%", sla,
                SellerDemandTrigger.evidence(d, c)).ownedBy(c.techTouchOwner())));
        SideSignals.lapsed(market, c, id, context.asOf()).ifPresent(last -> out.add(new Signal("buyer-lapsed@" + last,
                "Automated buyer win-back: no order since " + last, Duration.ofDays(c.buyerSlaDays()),
                BuyerWinBackTrigger.evidence(last, c)).ownedBy(c.techTouchOwner())));
        return out;
    }
}
