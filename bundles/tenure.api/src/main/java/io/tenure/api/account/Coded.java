package io.tenure.api.account;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Shared lookup for the enums whose lower-case codes appear in CSV files, JSON and URLs. */
final class Coded {
    private Coded() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String what, String code) {
        String wanted = code == null ? "" : code.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (E value : type.getEnumConstants()) {
            if (code(value).equals(wanted)) {
                return value;
            }
        }
        throw new IllegalArgumentException(what + " '" + code + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(Coded::code).collect(Collectors.joining(", ")));
    }

    static String code(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
