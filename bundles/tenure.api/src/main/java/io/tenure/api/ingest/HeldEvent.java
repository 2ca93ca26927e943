package io.tenure.api.ingest;

import java.time.Instant;

/**
 * An event kept because its account is unknown or does not exist yet; released when the account appears.
 *
 * @param id the held event's number
 * @param accountId the account it names, empty when it names none
 * @param sourceId the source it came from
 * @param messageId its message id
 * @param receivedAt when Tenure received it
 * @param reason why it is held
 * @param json the event as received
 */
public record HeldEvent(long id, String accountId, String sourceId, String messageId, Instant receivedAt, String reason,
        String json) {
}
