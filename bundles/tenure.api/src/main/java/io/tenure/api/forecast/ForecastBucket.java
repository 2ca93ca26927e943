package io.tenure.api.forecast;

/**
 * How confident the forecast is that a renewal's ARR will be kept, most confident first. Each bucket has a configured
 * probability (defaults: committed 95%, likely 80%, at risk 50%, critical 20%). Written as lower-case codes
 * ({@code at_risk}).
 */
public enum ForecastBucket {
    COMMITTED, LIKELY, AT_RISK, CRITICAL;
}
