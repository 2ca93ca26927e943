package io.tenure.api.engagement;

import java.time.LocalDate;
import java.util.Optional;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;

/**
 * An NPS (0–10) or CSAT (1–5) response.
 *
 * @param accountId the account
 * @param id identifier of the response
 * @param date when it was given
 * @param kind nps or csat
 * @param score the score, within the survey's scale
 * @param contactId who answered, if known
 * @param comment the verbatim comment, if any
 */
public record SurveyResponse(String accountId, String id, LocalDate date, SurveyKind kind, long score,
        Optional<String> contactId, Optional<String> comment) {

    public static final EntityType<SurveyResponse> TYPE = EntityType.builder("surveys", SurveyResponse.class,
            "NPS and CSAT responses")
            .accountId(SurveyResponse::accountId)
            .generatedId("response_id", "identifier; derived from the row when empty", SurveyResponse::id)
            .date("date", true, "when it was given", SurveyResponse::date)
            .code("kind", false, SurveyKind.class, "nps or csat (default nps)", SurveyResponse::kind)
            .integer("score", true, "0-10 for nps, 1-5 for csat", SurveyResponse::score)
            .text("contact_id", false, 100, "who answered", SurveyResponse::contactId)
            .text("comment", false, 4000, "verbatim comment", SurveyResponse::comment)
            .build(r -> new SurveyResponse(r.text("account_id"), r.text("response_id"), r.date("date"),
                    r.optionalCode("kind", SurveyKind.class).orElse(SurveyKind.NPS), r.integer("score"),
                    r.optionalText("contact_id"), r.optionalText("comment")));

    public SurveyResponse {
        Require.text(accountId, "account_id");
        Require.text(id, "response_id");
        Require.present(date, "date");
        Require.present(kind, "kind");
        if (kind == SurveyKind.NPS) {
            Require.range(score, 0, 10, "score");
        } else {
            Require.range(score, 1, 5, "score");
        }
        Require.optional(contactId, "contact_id");
        Require.optional(comment, "comment");
    }

    /** An NPS detractor scores 0 to 6. */
    public boolean detractor() {
        return kind == SurveyKind.NPS && score <= 6;
    }

    /** An NPS promoter scores 9 or 10. */
    public boolean promoter() {
        return kind == SurveyKind.NPS && score >= 9;
    }
}
