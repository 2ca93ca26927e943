package io.tenure.api.playbook;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.tenure.api.money.Money;

/**
 * What a trigger found: the episode it belongs to (a signal of an episode that already has a task does not fire
 * again), what to do, by when, and the evidence.
 *
 * @param episode stable key of the episode, e.g. the contact who left and when
 * @param title what the owner must do
 * @param sla how long the owner has
 * @param evidence what was seen, for the task
 * @param expansionArr for an expansion signal, the ARR it could add: the engine hands signals at or above the
 *        configured threshold to sales instead of the CSM
 * @param owner who must act instead of the account's CSM (an automation owner for an in-product nudge, CS leadership
 *        for a conflict between accounts); empty for the account's CSM (or sales, for an expansion above the
 *        threshold). Since 1.1.
 */
public record Signal(String episode, String title, Duration sla, String evidence, Optional<Money> expansionArr,
        Optional<String> owner) {

    /** A signal that is not an expansion opportunity. */
    public Signal(String episode, String title, Duration sla, String evidence) {
        this(episode, title, sla, evidence, Optional.empty(), Optional.empty());
    }

    /** A signal for the account's CSM (or sales, for an expansion above the threshold). */
    public Signal(String episode, String title, Duration sla, String evidence, Optional<Money> expansionArr) {
        this(episode, title, sla, evidence, expansionArr, Optional.empty());
    }

    /** The same signal for {@code newOwner} instead of the account's CSM. */
    public Signal ownedBy(String newOwner) {
        return new Signal(episode, title, sla, evidence, expansionArr, Optional.of(newOwner));
    }

    public Signal {
        Objects.requireNonNull(expansionArr, "expansionArr");
        Objects.requireNonNull(owner, "owner");
        if (owner.isPresent() && owner.get().isBlank()) {
            throw new IllegalArgumentException("owner must not be blank");
        }
        Objects.requireNonNull(episode, "episode");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(sla, "sla");
        Objects.requireNonNull(evidence, "evidence");
        if (sla.isNegative() || sla.isZero()) {
            throw new IllegalArgumentException("sla " + sla + " must be positive");
        }
    }
}
