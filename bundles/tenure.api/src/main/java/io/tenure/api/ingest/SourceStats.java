package io.tenure.api.ingest;

import java.time.Instant;
import java.util.List;

/**
 * What became of the events a source sent, as applied to the store.
 *
 * @param accepted events stored (counted once, whatever their fate below)
 * @param rejected events refused with a 4xx (malformed, too large, disabled source)
 * @param deduplicated events dropped because their {@code messageId} had been seen
 * @param held events waiting for their account (see {@link HeldEvent})
 * @param latestRejections the most recent rejection reasons, newest first
 * @param unknownAccounts the account ids held events name that do not exist, with how many events wait for each
 */
public record SourceStats(long accepted, long rejected, long deduplicated, long held, List<Rejection> latestRejections,
        List<UnknownAccount> unknownAccounts) {

    public SourceStats {
        latestRejections = List.copyOf(latestRejections);
        unknownAccounts = List.copyOf(unknownAccounts);
    }

    /** One refused request or event and why. */
    public record Rejection(String sourceId, Instant at, long events, String reason) {
    }

    /** An account id events name that the store does not hold (empty id: events that name no account at all). */
    public record UnknownAccount(String accountId, long events) {
    }
}
