package io.tenure.forecast;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.tenure.api.metrics.ReportingPeriod;
import io.tenure.api.account.Account;
import io.tenure.api.data.Codes;
import io.tenure.api.data.DataException;
import io.tenure.api.data.DataStore;
import io.tenure.api.forecast.ForecastBucket;
import io.tenure.api.forecast.ForecastOverride;
import io.tenure.api.health.HealthScore;
import io.tenure.api.health.HealthStatus;
import io.tenure.api.rest.ApiException;
import io.tenure.api.revenue.Subscription;

/**
 * Records a person's call on one renewal: checks that the renewal exists and that a red account is not committed without
 * a reason, and stores who made the call, when, and the health the account had then.
 */
final class Overrides {
    static final int MAX_REASON = 2000;

    private Overrides() {
    }

    /** @throws ApiException 400 naming a missing or malformed field, 422 when the data refuses the call */
    static ForecastOverride set(RenewalForecaster forecaster, ForecastResource.OverrideBody body, String user) throws ApiException {
        String accountId = required(body.account_id, "account_id");
        String subscriptionId = required(body.subscription_id, "subscription_id");
        LocalDate date;
        ForecastBucket bucket;
        try {
            date = ReportingPeriod.date("renewal_date", required(body.renewal_date, "renewal_date"));
            bucket = Codes.parse(ForecastBucket.class, "bucket", required(body.bucket, "bucket"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage(), e.getMessage().startsWith("bucket") ? "bucket" : "renewal_date");
        }
        Optional<String> reason = Optional.ofNullable(body.reason).map(String::strip).filter(r -> !r.isEmpty());
        if (reason.filter(r -> r.length() > MAX_REASON).isPresent()) {
            throw ApiException.badRequest("reason is " + reason.get().length() + " characters long; at most " + MAX_REASON,
                    "reason");
        }
        DataStore store = forecaster.store();
        if (store.repository(Account.TYPE).get(List.of(accountId)).isEmpty()) {
            throw unprocessable("account '" + accountId + "' does not exist", "account_id");
        }
        Subscription sub = store.repository(Subscription.TYPE).get(List.of(accountId, subscriptionId))
                .orElseThrow(() -> unprocessable("subscription '" + subscriptionId + "' of account '" + accountId
                        + "' does not exist", "subscription_id"));
        LocalDate today = forecaster.today();
        int term = forecaster.settings().termMonths();
        if (!RenewalBook.renewalDates(sub, date, date.plusDays(1), today, term).contains(date)) {
            List<LocalDate> near = RenewalBook.renewalDates(sub, date.minusYears(1), date.plusYears(1).plusDays(1), today, term);
            throw unprocessable("renewal_date " + date + " is not a renewal date of subscription '" + subscriptionId + "' of '"
                    + accountId + "'" + (near.isEmpty() ? "; it has no renewal within a year of it"
                            : "; its renewals within a year of it: " + near), "renewal_date");
        }
        Optional<HealthScore> health = store.repository(HealthScore.TYPE).ofAccount(accountId).stream()
                .filter(h -> !h.date().isAfter(today)).max(Comparator.comparing(HealthScore::date));
        HealthStatus status = health.map(HealthScore::status).orElse(HealthStatus.UNKNOWN);
        if (bucket == ForecastBucket.COMMITTED && status == HealthStatus.RED && reason.isEmpty()) {
            throw unprocessable("reason is required: account '" + accountId + "' is red (score " + health.get().score()
                    + " on " + health.get().date() + "), and a red account cannot be committed without a recorded reason",
                    "reason");
        }
        try {
            return store.repository(ForecastOverride.TYPE).save(new ForecastOverride(accountId, subscriptionId, date, bucket,
                    reason, status, user, forecaster.clock().instant()));
        } catch (DataException | IllegalArgumentException e) {
            throw ApiException.unprocessable(e.getMessage());
        }
    }

    private static String required(String value, String field) throws ApiException {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " is required", field);
        }
        return value.strip();
    }

    private static ApiException unprocessable(String message, String field) {
        return new ApiException(422, "unprocessable", message, List.of(field));
    }
}
