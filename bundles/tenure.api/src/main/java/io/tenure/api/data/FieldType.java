package io.tenure.api.data;

/**
 * How a field is written in CSV, JSON and SQL, and the Java type of its value in a {@link Row}.
 */
public enum FieldType {
    /** {@code String}; CSV and JSON as is. */
    TEXT,
    /** {@code Long}; a whole number. */
    INTEGER,
    /** {@code Boolean}; {@code true}/{@code false} (CSV also accepts {@code yes}/{@code no}, {@code 1}/{@code 0}). */
    BOOLEAN,
    /** {@code LocalDate}; ISO-8601 {@code 2026-01-31}. */
    DATE,
    /** {@code Instant}; ISO-8601 {@code 2026-01-31T09:30:00Z} (a bare date means its start, UTC). */
    TIMESTAMP,
    /**
     * {@code Money}; a decimal amount in major units, with its ISO 4217 code in the entity's {@code currency}
     * field. SQL: the amount in minor units ({@code <name>_minor}) plus {@code currency}.
     */
    MONEY,
    /** {@code String}, one of the field's {@link Field#codes()}; the lower-case code of an enum. */
    CODE,
    /** {@code List<String>}; CSV joins them with {@code ;}, JSON is an array. */
    TAGS;
}
