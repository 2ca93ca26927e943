package io.tenure.api.engagement;

import java.time.LocalDate;
import java.util.Optional;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;

/**
 * A call, meeting, e-mail, QBR or note with the customer.
 *
 * @param accountId the account
 * @param id identifier of the interaction
 * @param date when it happened
 * @param kind call, meeting, email, qbr or note
 * @param mood the customer's mood, if noted
 * @param contactId the main contact, if any
 * @param meaningful whether it counts as meaningful contact (a real conversation, not a newsletter)
 * @param summary what was said, if noted
 */
public record Interaction(String accountId, String id, LocalDate date, InteractionKind kind, Optional<Tone> mood,
        Optional<String> contactId, boolean meaningful, Optional<String> summary) {

    public static final EntityType<Interaction> TYPE = EntityType.builder("interactions", Interaction.class,
            "calls, meetings, e-mails, QBRs and notes with their mood")
            .accountId(Interaction::accountId)
            .generatedId("interaction_id", "identifier; derived from the row when empty", Interaction::id)
            .date("date", true, "when it happened", Interaction::date)
            .code("kind", true, InteractionKind.class, "call, meeting, email, qbr or note", Interaction::kind)
            .code("mood", false, Tone.class, "positive, neutral or negative", Interaction::mood)
            .text("contact_id", false, 100, "the main contact", Interaction::contactId)
            .bool("meaningful", "counts as meaningful contact (default true)", Interaction::meaningful)
            .text("summary", false, 4000, "what was said", Interaction::summary)
            .build(r -> new Interaction(r.text("account_id"), r.text("interaction_id"), r.date("date"),
                    r.code("kind", InteractionKind.class), r.optionalCode("mood", Tone.class), r.optionalText("contact_id"),
                    r.bool("meaningful", true), r.optionalText("summary")));

    public Interaction {
        Require.text(accountId, "account_id");
        Require.text(id, "interaction_id");
        Require.present(date, "date");
        Require.present(kind, "kind");
        Require.optional(mood, "mood");
        Require.optional(contactId, "contact_id");
        Require.optional(summary, "summary");
    }
}
