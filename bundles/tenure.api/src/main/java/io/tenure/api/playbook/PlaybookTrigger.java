package io.tenure.api.playbook;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

import io.tenure.api.health.AccountHistory;

/**
 * A playbook trigger: looks at one account as of {@link AccountHistory#asOf()} and returns the signals it finds.
 * Register it as a service; it is evaluated on new data and on a schedule.
 */
@ConsumerType
public interface PlaybookTrigger {

    /** Stable name, e.g. {@code usage_decline}. */
    String name();

    /** The playbook its tasks run, e.g. {@code usage_recovery}. */
    String playbook();

    List<Signal> evaluate(AccountHistory history);
}
