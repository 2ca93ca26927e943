package io.tenure.api.forecast;

import io.tenure.api.money.Money;

/**
 * The renewals of one bucket in one currency.
 *
 * @param bucket the bucket
 * @param renewals how many renewals it holds
 * @param arr their ARR at stake
 * @param probability the bucket's probability in percent
 * @param weighted {@code arr} times the probability, rounded half-even to the minor unit
 */
public record BucketTotal(ForecastBucket bucket, long renewals, Money arr, int probability, Money weighted) {
}
