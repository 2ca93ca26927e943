package io.tenure.store.io;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.tenure.api.data.Field;
import io.tenure.api.data.FieldType;
import io.tenure.api.money.Money;

/** Field values to and from their text form in CSV files, JSON lines, query parameters and URLs. */
public final class FieldCodec {
    private FieldCodec() {
    }

    /**
     * The canonical value of {@code text} for {@code field}; money needs its currency code.
     *
     * @throws IllegalArgumentException saying what is wrong with the value
     */
    public static Object parse(Field<?> field, String text, String currency) {
        String t = text.strip();
        if (field.maxLength() > 0 && t.length() > field.maxLength()) {
            throw new IllegalArgumentException("is " + t.length() + " characters long; at most " + field.maxLength()
                    + " are allowed");
        }
        return switch (field.type()) {
            case TEXT -> t;
            case INTEGER -> {
                try {
                    yield Long.parseLong(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + shorten(t) + "' is not a whole number");
                }
            }
            case BOOLEAN -> switch (t.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1", "y" -> Boolean.TRUE;
                case "false", "no", "0", "n" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("'" + shorten(t) + "' is not true or false");
            };
            case DATE -> {
                try {
                    yield LocalDate.parse(t);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("'" + shorten(t) + "' is not a date like 2026-01-31");
                }
            }
            case TIMESTAMP -> parseTimestamp(t);
            case MONEY -> {
                if (currency == null || currency.isBlank()) {
                    throw new IllegalArgumentException("has no currency; add a currency column with an ISO 4217 code");
                }
                try {
                    yield Money.parse(t, currency);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage().replace("amount ", ""));
                }
            }
            case CODE -> {
                String code = t.toLowerCase(Locale.ROOT).replace('-', '_');
                if (!field.codes().contains(code)) {
                    throw new IllegalArgumentException("'" + shorten(t) + "' is not one of " + String.join(", ", field.codes()));
                }
                yield code;
            }
            case TAGS -> Arrays.stream(t.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        };
    }

    private static Instant parseTimestamp(String t) {
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDate.parse(t).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException e3) {
                    throw new IllegalArgumentException("'" + shorten(t) + "' is not a timestamp like 2026-01-31T09:30:00Z");
                }
            }
        }
    }

    /** The text form of a canonical value, as written to CSV. */
    public static String format(FieldType type, Object value) {
        if (value == null) {
            return "";
        }
        return switch (type) {
            case MONEY -> ((Money) value).toDecimalString();
            case TAGS -> String.join(";", castList(value));
            default -> value.toString();
        };
    }

    @SuppressWarnings("unchecked")
    static List<String> castList(Object value) {
        return (List<String>) value;
    }

    static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
