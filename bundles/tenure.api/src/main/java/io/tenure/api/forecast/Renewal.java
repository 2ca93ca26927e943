package io.tenure.api.forecast;

import java.time.LocalDate;
import java.util.Optional;

import io.tenure.api.health.HealthStatus;
import io.tenure.api.money.Money;

/**
 * One renewal of a forecast: a subscription renewing on a date, the ARR at stake, the health it was judged by, the
 * bucket health gives it and the bucket it is counted in (the same unless a person overrode it).
 *
 * @param accountId the account
 * @param subscriptionId the subscription that renews
 * @param date the renewal date
 * @param arr the ARR at stake
 * @param health the status of the account's latest health score as of the forecast ({@code UNKNOWN} when unscored)
 * @param score that score, if any
 * @param derived the bucket health gives the renewal
 * @param bucket the bucket it is counted in: the override's if there is one, else {@code derived}
 * @param probability the bucket's probability in percent
 * @param override the person's call, if one applies
 * @param note why the bucket is not what it seems, e.g. an override left out because it commits a red account without
 *        a reason
 */
public record Renewal(String accountId, String subscriptionId, LocalDate date, Money arr, HealthStatus health,
        Optional<Long> score, ForecastBucket derived, ForecastBucket bucket, int probability,
        Optional<ForecastOverride> override, Optional<String> note) {
}
