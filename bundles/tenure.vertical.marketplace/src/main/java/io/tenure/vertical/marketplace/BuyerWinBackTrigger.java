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
 * Buyer side: a buyer at or above the tech-touch ceiling that ordered in the window before the demand window (90 days,
 * a setting) but not in it has stopped buying: its CSM runs the win-back within 14 days. The episode is the day of its
 * last order, so a buyer that comes back and lapses again is a new episode. Long-tail buyers get
 * {@link TechTouchTrigger}'s automated play instead.
 */
@Component(service = PlaybookTrigger.class, property = "tenure.settings.pid=" + Marketplace.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
public class BuyerWinBackTrigger implements PlaybookTrigger {
    @Reference
    private Marketplace marketplace;
    @Reference
    private MarketData data;

    public BuyerWinBackTrigger() {
    }

    BuyerWinBackTrigger(Marketplace marketplace, MarketData data) {
        this.marketplace = marketplace;
        this.data = data;
    }

    @Override
    public String name() {
        return "marketplace_buyer_win_back";
    }

    @Override
    public String playbook() {
        return "buyer_win_back";
    }

    @Override
    public String description() {
        Marketplace.Config c = marketplace.config();
        return "buyer with no order for " + c.demandWindowDays() + " days after buying before: win-back within "
                + c.buyerSlaDays() + " days";
    }

    @Override
    public List<String> steps() {
        return List.of("Look at the buyer's last orders: cancelled, disputed or slow?", "Ask the buyer what they buy elsewhere now",
                "Match them with sellers that fit what they need", "Follow up after their next order");
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Marketplace.Config c = marketplace.config();
        Optional<Money> arr = Paying.arr(context);
        if (arr.isEmpty() || Paying.longTail(arr.get(), c)) {
            return List.of();
        }
        return SideSignals.lapsed(data.current(), c, context.account().id(), context.asOf())
                .map(last -> List.of(new Signal("lapsed@" + last, "Win back the buyer: no order since " + last,
                        Duration.ofDays(c.buyerSlaDays()), evidence(last, c)))).orElse(List.of());
    }

    static String evidence(java.time.LocalDate last, Marketplace.Config c) {
        return "last order on " + last + "; no order in the last " + c.demandWindowDays() + " days";
    }
}
