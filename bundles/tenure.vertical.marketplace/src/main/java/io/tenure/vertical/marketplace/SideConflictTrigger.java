package io.tenure.vertical.marketplace;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.PlaybookTrigger;
import io.tenure.api.playbook.Signal;

/**
 * A conflict between the sides: a seller whose cancelled and disputed orders reached 10% (a setting) of its orders over
 * the demand window and hurt 3 (a setting) or more distinct buyers. Serving the seller would cost the buyers, so CS
 * leadership (a setting, the task's owner) decides within 2 days; the evidence names the seller
 * and the buyers' accounts. One episode a quarter.
 */
@Component(service = PlaybookTrigger.class, property = "tenure.settings.pid=" + Marketplace.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
public class SideConflictTrigger implements PlaybookTrigger {
    static final String NAME = "marketplace_side_conflict";
    static final String PLAYBOOK = "side_conflict";
    /** Buyers named in the evidence; more are counted. */
    static final int NAMED_BUYERS = 20;

    @Reference
    private Marketplace marketplace;
    @Reference
    private MarketData data;

    public SideConflictTrigger() {
    }

    SideConflictTrigger(Marketplace marketplace, MarketData data) {
        this.marketplace = marketplace;
        this.data = data;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String playbook() {
        return PLAYBOOK;
    }

    @Override
    public String description() {
        Marketplace.Config c = marketplace.config();
        return "seller with " + c.conflictRatePercent() + "% or more orders cancelled or disputed, hurting "
                + c.conflictMinBuyers() + " or more buyers: " + c.conflictOwner() + " decides within " + c.conflictSlaDays()
                + " days";
    }

    @Override
    public List<String> steps() {
        return List.of("Hear both sides: the seller and the buyers named in the evidence",
                "Decide what protects the marketplace: fix plan, refunds, limits or offboarding",
                "Tell the affected buyers what was done", "Review the seller's cancellation and dispute rate after 30 days");
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Marketplace.Config c = marketplace.config();
        return SideSignals.conflict(data.current(), c, context.account().id(), context.asOf())
                .map(k -> List.of(new Signal("conflict@" + Paying.quarter(context), "Resolve the conflict between seller "
                        + context.account().name() + " and " + k.window().hurtBuyers().size()
                        + (k.window().hurtBuyers().size() == 1 ? " buyer" : " buyers"),
                        Duration.ofDays(c.conflictSlaDays()), evidence(k, c)).ownedBy(c.conflictOwner()))).orElse(List.of());
    }

    static String evidence(SideSignals.Conflict k, Marketplace.Config c) {
        Set<String> hurt = k.window().hurtBuyers();
        String named = String.join(", ", hurt.stream().limit(NAMED_BUYERS).toList());
        return "seller " + k.seller() + ": " + k.window().problems() + " of " + k.window().orders() + " orders cancelled or "
                + "disputed over the last " + c.demandWindowDays() + " days (rate " + k.rate().toPlainString()
                + "); buyers hurt: " + named + (hurt.size() > NAMED_BUYERS ? " and " + (hurt.size() - NAMED_BUYERS) + " more" : "");
    }
}
