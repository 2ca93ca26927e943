package io.tenure.api.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The lower-case codes by which enums appear in CSV files, JSON and URLs ({@code cross_sell} for CROSS_SELL). */
public final class Codes {
    private Codes() {
    }

    public static String code(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    public static List<String> codes(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Codes::code).toList();
    }

    /**
     * The constant whose code is {@code text} (case-insensitive, {@code -} read as {@code _}).
     *
     * @throws IllegalArgumentException naming {@code what}, the bad value and the accepted codes
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String what, String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (E value : type.getEnumConstants()) {
            if (code(value).equals(wanted)) {
                return value;
            }
        }
        throw new IllegalArgumentException(what + " '" + text + "' is not one of " + String.join(", ", codes(type)));
    }
}
