package io.tenure.vertical.plg;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.tenure.api.account.JourneyStage;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.money.Money;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.Signal;

/**
 * The product-qualified and seat-limit signals, routed by value: at or above the human-touch threshold a person reaches
 * out (the CSM, or sales when the engine's hand-off threshold is reached); below it the workspace gets an in-product
 * nudge. The two product-qualified triggers each ask for one side, so a signal fires on exactly one of them.
 */
final class Routing {
    private Routing() {
    }

    /** The product-qualified signal of a free or trial workspace, if it falls on the {@code human} side. */
    static List<Signal> pql(Plg.Config c, PlaybookContext context, boolean human) {
        AccountHistory h = context.history();
        if (!Workspaces.plg(context.account())) {
            return List.of();
        }
        Optional<Workspaces.Pql> found = Workspaces.pql(c, h.subscriptions(), h.usage(), context.asOf());
        if (found.isEmpty() || Workspaces.humanTouch(c, found.get().value()) != human) {
            return List.of();
        }
        Workspaces.Pql p = found.get();
        String episode = "pql@" + p.trial().id() + "@" + p.trial().start();
        String evidence = p.users() + " active users on the " + p.trial().plan().orElse("trial") + " started on "
                + p.trial().start() + p.trial().seats().map(s -> " (limit " + s + " seats)").orElse("") + "; worth "
                + money(p.value()) + " a year at the list price; human touch from " + c.humanTouchArr();
        return List.of(human
                ? new Signal(episode, "Reach out to the product-qualified workspace", Duration.ofDays(c.humanTouchSlaDays()),
                        evidence, Optional.of(p.value()))
                : new Signal(episode, "In-product nudge: offer the paid plan", Duration.ofHours(c.nudgeSlaHours()), evidence)
                        .ownedBy(c.automationOwner()));
    }

    /**
     * The self-serve upgrade nudge of a paying workspace at its seat limit whose ARR is below the human-touch threshold.
     * At or above it the core {@code expansion_seats} trigger already asks the CSM (or sales) for the conversation, so
     * this adds no second human task.
     */
    static List<Signal> selfServeUpgrade(Plg.Config c, PlaybookContext context) {
        AccountHistory h = context.history();
        long seats = h.licensedSeats();
        if (!Workspaces.plg(context.account()) || context.account().stage() == JourneyStage.CHURNED || h.arr().isEmpty()
                || !h.arr().get().isPositive() || seats <= 0 || Workspaces.humanTouch(c, h.arr().get())) {
            return List.of();
        }
        long users = Workspaces.peakUsers(h.usage(), context.asOf().minusDays(c.signalLookbackDays()), context.asOf());
        if (users * 100 < seats * c.expansionSeatSharePercent()) {
            return List.of();
        }
        return List.of(new Signal("seats@" + seats, "In-product nudge: offer more seats in the product",
                Duration.ofHours(c.nudgeSlaHours()), users + " active users on " + seats + " licensed seats (limit at "
                        + c.expansionSeatSharePercent() + "%); ARR " + money(h.arr().get()) + ", human touch from "
                        + c.humanTouchArr()).ownedBy(c.automationOwner()));
    }

    static String money(Money m) {
        return m.toDecimalString() + " " + m.currency().getCurrencyCode();
    }
}
