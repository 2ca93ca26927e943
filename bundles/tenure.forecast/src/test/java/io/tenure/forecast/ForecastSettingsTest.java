package io.tenure.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.tenure.api.forecast.ForecastBucket;
import io.tenure.api.health.HealthStatus;

/** The settings: the defaults of DOMAIN.md §6, the bucket rule, and every bad value refused by name. */
class ForecastSettingsTest {

    @Test
    void theDefaultsAreTheDomainsAndHealthGivesTheBucket() {
        ForecastSettings s = ForecastSettings.of(Books.config(Map.of()));
        assertEquals(ForecastSettings.DEFAULTS, s);
        assertEquals(Map.of(ForecastBucket.COMMITTED, 95, ForecastBucket.LIKELY, 80, ForecastBucket.AT_RISK, 50,
                ForecastBucket.CRITICAL, 20), s.probabilities());
        assertEquals(ForecastBucket.COMMITTED, s.bucketOf(HealthStatus.GREEN, Optional.of(85L)));
        assertEquals(ForecastBucket.LIKELY, s.bucketOf(HealthStatus.GREEN, Optional.of(84L)));
        assertEquals(ForecastBucket.AT_RISK, s.bucketOf(HealthStatus.YELLOW, Optional.of(69L)));
        assertEquals(ForecastBucket.AT_RISK, s.bucketOf(HealthStatus.UNKNOWN, Optional.empty()), "no evidence is at risk");
        assertEquals(ForecastBucket.CRITICAL, s.bucketOf(HealthStatus.RED, Optional.of(39L)));
        ForecastSettings overridesOnly = ForecastSettings.of(Books.config(Map.of("committedFromScore", 101)));
        assertEquals(ForecastBucket.LIKELY, overridesOnly.bucketOf(HealthStatus.GREEN, Optional.of(100L)),
                "101: only a person commits a renewal");
    }

    @Test
    void refusesProbabilitiesOutOfRangeOrOutOfOrderAndOtherBadSettings() {
        assertRefused(Map.of("likelyProbability", 120), "io.tenure.forecast likelyProbability 120: must be a percentage from 0 to 100");
        assertRefused(Map.of("criticalProbability", -1), "io.tenure.forecast criticalProbability -1: must be a percentage from 0 to 100");
        assertRefused(Map.of("atRiskProbability", 85), "io.tenure.forecast atRiskProbability 85: must not be above likelyProbability 80 "
                + "(buckets go from most to least confident)");
        assertRefused(Map.of("committedProbability", 70), "io.tenure.forecast likelyProbability 80: must not be above "
                + "committedProbability 70 (buckets go from most to least confident)");
        assertRefused(Map.of("committedFromScore", 102), "io.tenure.forecast committedFromScore 102: must be from 0 to 101");
        assertRefused(Map.of("termMonths", 0), "io.tenure.forecast termMonths 0: must be from 1 to 120");
        assertRefused(Map.of("graceDays", 400), "io.tenure.forecast graceDays 400: must be from 0 to 365");
        assertRefused(Map.of("minRenewalsForSuggestion", 0), "io.tenure.forecast minRenewalsForSuggestion 0: must be from 1 up");
        assertEquals(90, ForecastSettings.of(Books.config(Map.of("likelyProbability", 90, "committedProbability", 90)))
                .probability(ForecastBucket.LIKELY), "equal neighbours are allowed");
    }

    private static void assertRefused(Map<String, Integer> changed, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ForecastSettings.of(Books.config(changed)));
        assertEquals(message, e.getMessage());
    }
}
