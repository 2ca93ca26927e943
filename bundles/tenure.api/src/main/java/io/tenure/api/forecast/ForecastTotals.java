package io.tenure.api.forecast;

import java.util.List;

import io.tenure.api.money.Money;

/**
 * A forecast's sums in one currency (amounts in different currencies are never added).
 *
 * @param buckets one total per bucket, in bucket order, empty buckets included
 * @param renewing all ARR at stake
 * @param weighted the weighted forecast: the sum of the buckets' weighted ARR
 * @param committed the ARR of the committed bucket
 * @param atRisk the ARR of the at-risk and critical buckets, shown apart from committed
 */
public record ForecastTotals(List<BucketTotal> buckets, Money renewing, Money weighted, Money committed, Money atRisk) {

    public ForecastTotals {
        buckets = List.copyOf(buckets);
    }

    public String currency() {
        return renewing.currency().getCurrencyCode();
    }

    public BucketTotal bucket(ForecastBucket bucket) {
        return buckets.stream().filter(b -> b.bucket() == bucket).findFirst().orElseThrow();
    }
}
