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
 */
public record Signal(String episode, String title, Duration sla, String evidence, Optional<Money> expansionArr) {

    /** A signal that is not an expansion opportunity. */
    public Signal(String episode, String title, Duration sla, String evidence) {
        this(episode, title, sla, evidence, Optional.empty());
    }

    public Signal {
        Objects.requireNonNull(expansionArr, "expansionArr");
        Objects.requireNonNull(episode, "episode");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(sla, "sla");
        Objects.requireNonNull(evidence, "evidence");
        if (sla.isNegative() || sla.isZero()) {
            throw new IllegalArgumentException("sla " + sla + " must be positive");
        }
    }
}
