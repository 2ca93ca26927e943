package io.tenure.api.forecast;

import java.time.LocalDate;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The renewal forecast, registered by the forecast bundle: the one place that puts renewals in buckets, so the board
 * slide, the console and the forecast API agree.
 */
@ProviderType
public interface ForecastService {

    /**
     * Every renewal dated in {@code [from, to)} with its bucket and the weighted sums, as things stood at the end of
     * {@code asOf}: the latest health score dated on or before it, overrides made by then, and the ARR at stake on
     * that day (or the day before the renewal, when the renewal came first).
     *
     * @throws IllegalArgumentException when {@code from} is not before {@code to}
     */
    Forecast forecast(LocalDate from, LocalDate to, LocalDate asOf);
}
