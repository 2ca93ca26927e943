package io.tenure.api.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The lower-case codes by which enums appear in CSV files, JSON and URLs ({@code cross_sell} for CROSS_SELL). */
public final class Codes {
    /** Each enum's constants by code, built once per enum class. */
    private static final ClassValue<Map<String, Enum<?>>> BY_CODE = new ClassValue<>() {
        @Override
        protected Map<String, Enum<?>> computeValue(Class<?> type) {
            Map<String, Enum<?>> map = new HashMap<>();
            for (Object value : type.getEnumConstants()) {
                map.put(code((Enum<?>) value), (Enum<?>) value);
            }
            return Map.copyOf(map);
        }
    };

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
        Map<String, Enum<?>> byCode = BY_CODE.get(type);
        Enum<?> exact = text == null ? null : byCode.get(text);
        Enum<?> found = exact != null ? exact
                : byCode.get(text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('-', '_'));
        if (found != null) {
            return type.cast(found);
        }
        throw new IllegalArgumentException(what + " '" + text + "' is not one of " + String.join(", ", codes(type)));
    }
}
