package io.tenure.api.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import io.tenure.api.account.Contact;
import io.tenure.api.data.Require;

/**
 * One received event, mapped to what it changes in the store. The ledger counts it once per
 * {@code (sourceId, messageId)}; if its account is not known or does not exist it is held, not dropped.
 *
 * @param sourceId the source it came from
 * @param messageId the client's message id (deduplication key within the source)
 * @param receivedAt when Tenure received it
 * @param effect what it changes
 * @param accountId the account it belongs to, when the mapping found one
 * @param userId the user (or anonymous id) it was sent for
 * @param day the day it counts for (from its timestamp)
 * @param feature for {@link Effect#USAGE}: the feature it counts as
 * @param contact for {@link Effect#CONTACT}: the contact as it should be stored
 * @param unmapped why no account was found, when {@code accountId} is empty
 * @param json the event as received, kept while it is held
 */
public record IngestEvent(String sourceId, String messageId, Instant receivedAt, Effect effect, Optional<String> accountId,
        Optional<String> userId, LocalDate day, Optional<String> feature, Optional<Contact> contact,
        Optional<String> unmapped, String json) {

    /** What an event changes. */
    public enum Effect {
        /** One event of {@code feature} by {@code userId} on {@code day}: usage per account, feature and day. */
        USAGE,
        /** Creates or replaces {@code contact}. */
        CONTACT,
        /** {@code userId} belongs to {@code accountId} from now on (group and alias calls). */
        MEMBERSHIP
    }

    public IngestEvent {
        Require.text(sourceId, "source_id");
        Require.text(messageId, "messageId");
        Require.present(receivedAt, "received_at");
        Require.present(effect, "effect");
        Require.optional(accountId, "account_id");
        Require.optional(userId, "userId");
        Require.present(day, "day");
        Require.optional(feature, "feature");
        Require.optional(contact, "contact");
        Require.optional(unmapped, "unmapped");
        Require.present(json, "json");
        if (accountId.isEmpty() && unmapped.isEmpty()) {
            throw new IllegalArgumentException("an event without an account needs the reason none was found");
        }
        if (effect == Effect.USAGE && feature.isEmpty()) {
            throw new IllegalArgumentException("a usage event needs its feature");
        }
        if (effect == Effect.CONTACT && accountId.isPresent() && contact.isEmpty()) {
            throw new IllegalArgumentException("a contact event needs its contact");
        }
        if (effect == Effect.MEMBERSHIP && userId.isEmpty()) {
            throw new IllegalArgumentException("a membership event needs its user");
        }
    }
}
