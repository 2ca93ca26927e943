package io.tenure.api.forecast;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bottom-up renewal forecast of a period: every renewal in {@code [from, to)} as things stood at the end of
 * {@code asOf}, and the sums per currency.
 *
 * @param from first day of the period
 * @param to first day after the period
 * @param asOf the day the forecast is made as of: health scored on or before it, overrides made by its end
 * @param probabilities each bucket's probability in percent
 * @param renewals every renewal, by date, account and subscription
 * @param totals the sums per currency, the currency with the most ARR at stake first; empty without renewals
 * @param definition how the buckets were derived, for people
 */
public record Forecast(LocalDate from, LocalDate to, LocalDate asOf, Map<ForecastBucket, Integer> probabilities,
        List<Renewal> renewals, List<ForecastTotals> totals, String definition) {

    public Forecast {
        probabilities = Map.copyOf(probabilities);
        renewals = List.copyOf(renewals);
        totals = List.copyOf(totals);
    }

    /** The sums in {@code currency} (ISO 4217 code), if any renewal is in it. */
    public Optional<ForecastTotals> totalsIn(String currency) {
        return totals.stream().filter(t -> t.currency().equals(currency)).findFirst();
    }
}
