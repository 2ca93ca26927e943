package io.tenure.api.advocacy;

import java.time.LocalDate;
import java.util.Optional;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;

/**
 * A reference call, review, case study, talk or quote given by a customer.
 *
 * @param accountId the account
 * @param id identifier of the activity
 * @param kind reference_call, review, case_study, speaking or quote
 * @param date when it happened
 * @param contactId who gave it, if recorded
 * @param note details
 */
public record AdvocacyActivity(String accountId, String id, AdvocacyKind kind, LocalDate date,
        Optional<String> contactId, Optional<String> note) {

    public static final EntityType<AdvocacyActivity> TYPE = EntityType.builder("advocacy", AdvocacyActivity.class,
            "reference calls, reviews, case studies, talks and quotes")
            .accountId(AdvocacyActivity::accountId)
            .generatedId("activity_id", "identifier; derived from the row when empty", AdvocacyActivity::id)
            .code("kind", true, AdvocacyKind.class, "reference_call, review, case_study, speaking or quote",
                    AdvocacyActivity::kind)
            .date("date", true, "when it happened", AdvocacyActivity::date)
            .text("contact_id", false, 100, "who gave it", AdvocacyActivity::contactId)
            .text("note", false, 4000, "details", AdvocacyActivity::note)
            .build(r -> new AdvocacyActivity(r.text("account_id"), r.text("activity_id"),
                    r.code("kind", AdvocacyKind.class), r.date("date"), r.optionalText("contact_id"), r.optionalText("note")));

    public AdvocacyActivity {
        Require.text(accountId, "account_id");
        Require.text(id, "activity_id");
        Require.present(kind, "kind");
        Require.present(date, "date");
        Require.optional(contactId, "contact_id");
        Require.optional(note, "note");
    }
}
