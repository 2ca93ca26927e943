package io.tenure.api.data;

import java.util.Objects;
import java.util.Optional;

/** Argument checks for the entity records, with messages that start with the field name. */
public final class Require {
    private Require() {
    }

    /** @throws IllegalArgumentException when {@code value} is null or blank */
    public static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is empty");
        }
        return value;
    }

    public static <V> V present(V value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    public static <V> Optional<V> optional(Optional<V> value, String field) {
        return Objects.requireNonNull(value, field);
    }

    /** @throws IllegalArgumentException when {@code value} is outside [min, max] */
    public static long range(long value, long min, long max, String field) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " " + value + " is not between " + min + " and " + max);
        }
        return value;
    }
}
