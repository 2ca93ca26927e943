package io.tenure.forecast;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tenure.api.data.Codes;
import io.tenure.api.forecast.ForecastBucket;
import io.tenure.api.health.HealthStatus;

/**
 * The validated settings of the forecast, and the one rule that puts a renewal in a bucket from health: red is critical;
 * yellow, unknown or unscored is at risk (no evidence is never better than at risk); green is committed from
 * {@code committedFromScore}, likely below it.
 */
record ForecastSettings(Map<ForecastBucket, Integer> probabilities, int committedFromScore, int termMonths, int graceDays,
        int minRenewals) {

    static final ForecastSettings DEFAULTS = new ForecastSettings(Map.of(ForecastBucket.COMMITTED, 95, ForecastBucket.LIKELY,
            80, ForecastBucket.AT_RISK, 50, ForecastBucket.CRITICAL, 20), 85, 12, 30, 10);

    ForecastSettings {
        probabilities = Map.copyOf(probabilities);
    }

    /** @throws IllegalArgumentException naming the setting and its value when one is out of range or out of order */
    static ForecastSettings of(ForecastConfig c) {
        Map<ForecastBucket, Integer> p = new EnumMap<>(ForecastBucket.class);
        p.put(ForecastBucket.COMMITTED, c.committedProbability());
        p.put(ForecastBucket.LIKELY, c.likelyProbability());
        p.put(ForecastBucket.AT_RISK, c.atRiskProbability());
        p.put(ForecastBucket.CRITICAL, c.criticalProbability());
        for (Map.Entry<ForecastBucket, Integer> e : p.entrySet()) {
            if (e.getValue() < 0 || e.getValue() > 100) {
                throw new IllegalArgumentException(ForecastConfig.PID + " " + setting(e.getKey()) + " " + e.getValue()
                        + ": must be a percentage from 0 to 100");
            }
        }
        List<ForecastBucket> order = List.of(ForecastBucket.values());
        for (int i = 1; i < order.size(); i++) {
            ForecastBucket better = order.get(i - 1);
            ForecastBucket worse = order.get(i);
            if (p.get(worse) > p.get(better)) {
                throw new IllegalArgumentException(ForecastConfig.PID + " " + setting(worse) + " " + p.get(worse)
                        + ": must not be above " + setting(better) + " " + p.get(better)
                        + " (buckets go from most to least confident)");
            }
        }
        range("committedFromScore", c.committedFromScore(), 0, 101);
        range("termMonths", c.termMonths(), 1, 120);
        range("graceDays", c.graceDays(), 0, 365);
        range("minRenewalsForSuggestion", c.minRenewalsForSuggestion(), 1, Integer.MAX_VALUE);
        return new ForecastSettings(p, c.committedFromScore(), c.termMonths(), c.graceDays(), c.minRenewalsForSuggestion());
    }

    private static void range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(ForecastConfig.PID + " " + name + " " + value + ": must be from " + min
                    + (max == Integer.MAX_VALUE ? " up" : " to " + max));
        }
    }

    /** The name of a bucket's probability setting, e.g. atRiskProbability. */
    static String setting(ForecastBucket bucket) {
        String code = Codes.code(bucket);
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char ch : code.toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return name + "Probability";
    }

    int probability(ForecastBucket bucket) {
        return probabilities.get(bucket);
    }

    /** The bucket health gives a renewal of an account whose latest score has this status and score. */
    ForecastBucket bucketOf(HealthStatus status, Optional<Long> score) {
        return switch (status) {
            case RED -> ForecastBucket.CRITICAL;
            case YELLOW, UNKNOWN -> ForecastBucket.AT_RISK;
            case GREEN -> score.filter(s -> s >= committedFromScore).isPresent() ? ForecastBucket.COMMITTED
                    : ForecastBucket.LIKELY;
        };
    }

    /** How buckets are derived, for the answers' definitions. */
    String rule() {
        return "Each renewal is put in a bucket from the account's latest health score as of the forecast day: green "
                + (committedFromScore > 100 ? "is likely (committed only by an override)"
                        : "scoring " + committedFromScore + " or more is committed, other green likely")
                + "; yellow, unknown or unscored at risk; red critical. A person may override the bucket of one renewal, "
                + "with a reason that is required to commit a red account (an override without one is ignored while the "
                + "account is red). Probabilities: committed " + probability(ForecastBucket.COMMITTED) + "%, likely "
                + probability(ForecastBucket.LIKELY) + "%, at risk " + probability(ForecastBucket.AT_RISK) + "%, critical "
                + probability(ForecastBucket.CRITICAL) + "%. Weighted forecast = sum of probability x ARR at stake.";
    }
}
