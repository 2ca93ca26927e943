package io.tenure.api.playbook;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;


/**
 * A playbook trigger: looks at one account as of a day and returns the signals it finds.
 * Register it as a service; it is evaluated on new data and on a schedule.
 */
@ConsumerType
public interface PlaybookTrigger {

    /** Stable name, e.g. {@code usage_decline}. */
    String name();

    /** The playbook its tasks run, e.g. {@code usage_recovery}. */
    String playbook();

    /** One line for people: the signal, the response and its SLA, e.g. "usage down 20% over 30 days: call within 48 h". */
    default String description() {
        return playbook();
    }

    /** What the owner of its task does, in order; copied onto every task it creates. */
    default List<String> steps() {
        return List.of();
    }

    /**
     * The signals in one account as of {@link PlaybookContext#asOf()}, using only what is dated before it. Called from
     * several threads at once for different accounts: keep no per-call state in fields.
     */
    List<Signal> evaluate(PlaybookContext context);
}
