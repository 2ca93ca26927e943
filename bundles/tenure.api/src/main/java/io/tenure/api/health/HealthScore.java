package io.tenure.api.health;

import java.time.LocalDate;
import java.util.Optional;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;

/**
 * An account's health on one day: the composite score, its status and the three sub-scores it was made of. The
 * history of these is what lets the score of any past date be shown and backtested; the latest one is the account's
 * current health (the {@code health} filter of the accounts listing).
 *
 * @param accountId the account
 * @param date the day scored
 * @param score composite score, 0 to 100
 * @param status green, yellow or red
 * @param usage usage sub-score 0 to 100, if computed
 * @param sentiment sentiment sub-score 0 to 100, if computed
 * @param relationship relationship sub-score 0 to 100, if computed
 * @param explanation which measures moved the score, for people
 */
public record HealthScore(String accountId, LocalDate date, long score, HealthStatus status, Optional<Long> usage,
        Optional<Long> sentiment, Optional<Long> relationship, Optional<String> explanation) {

    public static final EntityType<HealthScore> TYPE = EntityType.builder("health_scores", HealthScore.class,
            "the history of health scores, one per account and day")
            .accountId(HealthScore::accountId)
            .date("date", true, "the day scored", HealthScore::date)
            .integer("score", true, "composite score 0-100", HealthScore::score)
            .code("status", true, HealthStatus.class, "green, yellow or red", HealthScore::status)
            .integer("usage", false, "usage sub-score 0-100", HealthScore::usage)
            .integer("sentiment", false, "sentiment sub-score 0-100", HealthScore::sentiment)
            .integer("relationship", false, "relationship sub-score 0-100", HealthScore::relationship)
            .text("explanation", false, 4000, "which measures moved the score", HealthScore::explanation)
            .keyed("date")
            .build(r -> new HealthScore(r.text("account_id"), r.date("date"), r.integer("score"),
                    r.code("status", HealthStatus.class), r.optionalInteger("usage"), r.optionalInteger("sentiment"),
                    r.optionalInteger("relationship"), r.optionalText("explanation")));

    public HealthScore {
        Require.text(accountId, "account_id");
        Require.present(date, "date");
        Require.range(score, 0, 100, "score");
        Require.present(status, "status");
        Require.optional(usage, "usage").ifPresent(v -> Require.range(v, 0, 100, "usage"));
        Require.optional(sentiment, "sentiment").ifPresent(v -> Require.range(v, 0, 100, "sentiment"));
        Require.optional(relationship, "relationship").ifPresent(v -> Require.range(v, 0, 100, "relationship"));
        Require.optional(explanation, "explanation");
    }
}
