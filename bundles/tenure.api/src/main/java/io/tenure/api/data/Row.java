package io.tenure.api.data;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.tenure.api.money.Money;

/**
 * The values of one entity by field name, each in its {@link FieldType} Java type; absent optional fields have no
 * entry. Records are built from rows and written to rows by their {@link EntityType}.
 */
public final class Row {
    private final Map<String, Object> values;

    /** @param values by field name; entries with a null value are left out */
    public Row(Map<String, Object> values) {
        for (Object v : values.values()) {
            if (v == null) {
                Map<String, Object> present = new HashMap<>(values);
                present.values().removeIf(Objects::isNull);
                values = present;
                break;
            }
        }
        this.values = Map.copyOf(values); // the same map when it is already an immutable copy
    }

    public Map<String, Object> values() {
        return values;
    }

    public Optional<Object> get(String field) {
        return Optional.ofNullable(values.get(field));
    }

    public String text(String field) {
        return required(field, String.class);
    }

    public Optional<String> optionalText(String field) {
        return optional(field, String.class);
    }

    public long integer(String field) {
        return required(field, Long.class);
    }

    public Optional<Long> optionalInteger(String field) {
        return optional(field, Long.class);
    }

    public boolean bool(String field, boolean otherwise) {
        return optional(field, Boolean.class).orElse(otherwise);
    }

    public LocalDate date(String field) {
        return required(field, LocalDate.class);
    }

    public Optional<LocalDate> optionalDate(String field) {
        return optional(field, LocalDate.class);
    }

    public Instant timestamp(String field) {
        return required(field, Instant.class);
    }

    public Optional<Instant> optionalTimestamp(String field) {
        return optional(field, Instant.class);
    }

    public Money money(String field) {
        return required(field, Money.class);
    }

    public Optional<Money> optionalMoney(String field) {
        return optional(field, Money.class);
    }

    public <E extends Enum<E>> E code(String field, Class<E> type) {
        return Codes.parse(type, field, text(field));
    }

    public <E extends Enum<E>> Optional<E> optionalCode(String field, Class<E> type) {
        return optionalText(field).map(t -> Codes.parse(type, field, t));
    }

    @SuppressWarnings("unchecked")
    public List<String> tags(String field) {
        return optional(field, List.class).map(l -> (List<String>) l).orElse(List.of());
    }

    private <V> V required(String field, Class<V> type) {
        return optional(field, type).orElseThrow(() -> new IllegalArgumentException(field + " is required"));
    }

    private <V> Optional<V> optional(String field, Class<V> type) {
        Object value = values.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(field + " holds a " + value.getClass().getSimpleName() + ", not a "
                    + type.getSimpleName());
        }
        return Optional.of(type.cast(value));
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
