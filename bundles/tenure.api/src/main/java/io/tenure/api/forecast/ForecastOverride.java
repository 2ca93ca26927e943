package io.tenure.api.forecast;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;
import io.tenure.api.health.HealthStatus;

/**
 * A person's call on one renewal: the bucket it belongs in whatever health says, with who made it, when and why. A
 * renewal of an account that was red when the call was made cannot be committed without a reason (DOMAIN.md §6).
 *
 * @param accountId the account
 * @param subscriptionId the subscription that renews
 * @param renewalDate the renewal date it is about
 * @param bucket the bucket the renewal is put in
 * @param reason why, for people (required to commit a red account)
 * @param health the status of the account's latest health score when the call was made
 * @param setBy the user who made it
 * @param setAt when it was made
 */
public record ForecastOverride(String accountId, String subscriptionId, LocalDate renewalDate, ForecastBucket bucket,
        Optional<String> reason, HealthStatus health, String setBy, Instant setAt) {

    public static final EntityType<ForecastOverride> TYPE = EntityType.builder("forecast_overrides", ForecastOverride.class,
            "renewal forecast overrides: the bucket a person put a renewal in, with reason, user and time")
            .accountId(ForecastOverride::accountId)
            .id("subscription_id", "the subscription that renews", ForecastOverride::subscriptionId)
            .date("renewal_date", true, "the renewal date the call is about", ForecastOverride::renewalDate)
            .code("bucket", true, ForecastBucket.class, "committed, likely, at_risk or critical", ForecastOverride::bucket)
            .text("reason", false, 2000, "why (required to commit a renewal of a red account)", ForecastOverride::reason)
            .code("health", true, HealthStatus.class, "the account's health status when the call was made",
                    ForecastOverride::health)
            .text("set_by", true, 100, "the user who made the call", ForecastOverride::setBy)
            .timestamp("set_at", true, "when the call was made", ForecastOverride::setAt)
            .keyed("renewal_date")
            .build(r -> new ForecastOverride(r.text("account_id"), r.text("subscription_id"), r.date("renewal_date"),
                    r.code("bucket", ForecastBucket.class), r.optionalText("reason"), r.code("health", HealthStatus.class),
                    r.text("set_by"), r.timestamp("set_at")));

    public ForecastOverride {
        Require.text(accountId, "account_id");
        Require.text(subscriptionId, "subscription_id");
        Require.present(renewalDate, "renewal_date");
        Require.present(bucket, "bucket");
        reason = Require.optional(reason, "reason").filter(s -> !s.isBlank()).map(String::strip);
        Require.present(health, "health");
        Require.text(setBy, "set_by");
        Require.present(setAt, "set_at");
        if (bucket == ForecastBucket.COMMITTED && health == HealthStatus.RED && reason.isEmpty()) {
            throw new IllegalArgumentException("reason is required: account " + accountId + " is red, and a red account "
                    + "cannot be committed without a recorded reason");
        }
    }
}
