package io.tenure.console;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.tenure.api.money.Money;

/**
 * What a metric or an in-process API call answers (records, maps, {@code Optional}s, money, enums, dates), as plain
 * maps, lists, strings and numbers, the shape the REST API writes as JSON, so pages read one form whoever made it.
 */
final class Plain {
    private Plain() {
    }

    static Object of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Optional<?> o) {
            return o.map(Plain::of).orElse(null);
        }
        if (value instanceof Money m) {
            return m.toDecimalString();
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (value instanceof TemporalAccessor || value instanceof CharSequence || value instanceof java.util.Currency) {
            return value.toString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(of(k)), of(v)));
            return out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(v -> out.add(of(v)));
            return out;
        }
        if (value.getClass().isRecord()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (RecordComponent rc : value.getClass().getRecordComponents()) {
                try {
                    var accessor = rc.getAccessor();
                    accessor.setAccessible(true);
                    out.put(rc.getName(), of(accessor.invoke(value)));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    out.put(rc.getName(), null);
                }
            }
            return out;
        }
        return value.toString();
    }

    /** The value at {@code path} (map keys) below {@code root}, or null. */
    static Object at(Object root, String... path) {
        Object current = root;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object root, String... path) {
        Object v = at(root, path);
        return v instanceof Map<?, ?> ? (Map<String, Object>) v : Map.of();
    }

    static List<?> list(Object root, String... path) {
        Object v = at(root, path);
        return v instanceof List<?> l ? l : List.of();
    }

    static String text(Object root, String... path) {
        Object v = at(root, path);
        return v == null ? "" : String.valueOf(v);
    }

    /** A number (or a decimal string such as a money amount) at {@code path}; empty when absent. */
    static Optional<BigDecimal> number(Object root, String... path) {
        Object v = at(root, path);
        if (v instanceof BigDecimal b) {
            return Optional.of(b);
        }
        if (v instanceof Number n) {
            return Optional.of(new BigDecimal(n.toString()));
        }
        if (v instanceof String s && !s.isBlank()) {
            try {
                return Optional.of(new BigDecimal(s.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
