package io.tenure.api.data;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One field of an entity: its name in CSV headers, JSON objects and SQL columns, its type and rules, and how to read
 * it from a record.
 *
 * @param name snake_case name, e.g. {@code signed_date}
 * @param type how it is written
 * @param required whether every row must have it
 * @param codes the accepted values of a {@link FieldType#CODE} field, empty otherwise
 * @param maxLength the longest accepted text, for TEXT, CODE and TAGS
 * @param description one line for people, shown in the documented column sets
 * @param getter the field's value in a record, in its {@link FieldType} Java type, or {@code null} when absent
 * @param <T> the record type
 */
public record Field<T>(String name, FieldType type, boolean required, List<String> codes, int maxLength,
        String description, Function<T, Object> getter) {

    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        codes = List.copyOf(codes);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(getter, "getter");
    }

    /** The value of this field in {@code entity}, or {@code null}. */
    public Object valueOf(T entity) {
        return getter.apply(entity);
    }
}
