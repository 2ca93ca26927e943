package io.tenure.api.engagement;

import java.time.Instant;
import java.util.Optional;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;

/**
 * A support ticket.
 *
 * @param accountId the account
 * @param id the ticket's identifier
 * @param opened when it was opened
 * @param resolved when it was resolved, if it was
 * @param severity low, normal, high or urgent
 * @param tone the customer's tone, if assessed
 * @param subject short subject, if any
 */
public record SupportTicket(String accountId, String id, Instant opened, Optional<Instant> resolved,
        TicketSeverity severity, Optional<Tone> tone, Optional<String> subject) {

    public static final EntityType<SupportTicket> TYPE = EntityType.builder("tickets", SupportTicket.class,
            "support tickets with severity and tone")
            .accountId(SupportTicket::accountId)
            .id("ticket_id", "the ticket's identifier", SupportTicket::id)
            .timestamp("opened", true, "when it was opened", SupportTicket::opened)
            .timestamp("resolved", false, "when it was resolved", SupportTicket::resolved)
            .code("severity", false, TicketSeverity.class, "low, normal, high or urgent (default normal)",
                    SupportTicket::severity)
            .code("tone", false, Tone.class, "positive, neutral or negative", SupportTicket::tone)
            .text("subject", false, 500, "short subject", SupportTicket::subject)
            .build(r -> new SupportTicket(r.text("account_id"), r.text("ticket_id"), r.timestamp("opened"),
                    r.optionalTimestamp("resolved"),
                    r.optionalCode("severity", TicketSeverity.class).orElse(TicketSeverity.NORMAL),
                    r.optionalCode("tone", Tone.class), r.optionalText("subject")));

    public SupportTicket {
        Require.text(accountId, "account_id");
        Require.text(id, "ticket_id");
        Require.present(opened, "opened");
        Require.optional(resolved, "resolved").filter(t -> t.isBefore(opened)).ifPresent(t -> {
            throw new IllegalArgumentException("resolved " + t + " is before opened " + opened);
        });
        Require.present(severity, "severity");
        Require.optional(tone, "tone");
        Require.optional(subject, "subject");
    }
}
