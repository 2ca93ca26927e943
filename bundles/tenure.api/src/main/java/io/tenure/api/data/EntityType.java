package io.tenure.api.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Describes one entity of the domain: its name (the table, the CSV file {@code <name>.csv}, the REST path
 * {@code /api/v1/<name>}), its fields in order and its natural key. Storage, import, export and the REST API all
 * work from this description, so they cannot disagree about a column.
 *
 * @param <T> the record type
 */
public final class EntityType<T> {
    /** The field that leads every customer-data entity. */
    public static final String ACCOUNT_ID = "account_id";
    /** The field holding the ISO 4217 code of an entity's money field. */
    public static final String CURRENCY = "currency";

    private final String name;
    private final String description;
    private final Class<T> javaType;
    private final List<Field<T>> fields;
    private final Map<String, Field<T>> byName;
    private final List<String> key;
    private final Optional<String> generatedId;
    private final Function<Row, T> factory;

    private EntityType(Builder<T> b, Function<Row, T> factory) {
        this.name = b.name;
        this.description = b.description;
        this.javaType = b.javaType;
        this.fields = List.copyOf(b.fields);
        this.byName = new LinkedHashMap<>();
        fields.forEach(f -> byName.put(f.name(), f));
        this.key = List.copyOf(b.key);
        this.generatedId = Optional.ofNullable(b.generatedId);
        this.factory = factory;
        for (String k : key) {
            if (!byName.containsKey(k) || !byName.get(k).required() && !k.equals(b.generatedId)) {
                throw new IllegalArgumentException(name + ": key field " + k + " must be a required field");
            }
        }
        if (fields.stream().filter(f -> f.type() == FieldType.MONEY).count() > 1) {
            throw new IllegalArgumentException(name + ": at most one money field shares the currency field");
        }
    }

    public static <T> Builder<T> builder(String name, Class<T> javaType, String description) {
        return new Builder<>(name, javaType, description);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Class<T> javaType() {
        return javaType;
    }

    public List<Field<T>> fields() {
        return fields;
    }

    public Optional<Field<T>> field(String fieldName) {
        return Optional.ofNullable(byName.get(fieldName));
    }

    /** The fields that identify one row; an import with the same key updates that row. */
    public List<String> key() {
        return key;
    }

    /**
     * The key field an import may leave empty: it is then derived from the row's other values, so importing the
     * same file twice stores each row once.
     */
    public Optional<String> generatedId() {
        return generatedId;
    }

    /** Whether rows belong to an account (their first field is {@link #ACCOUNT_ID}). */
    public boolean accountScoped() {
        return fields.get(0).name().equals(ACCOUNT_ID);
    }

    /** Whether one field has type {@link FieldType#MONEY}, whose currency is held in {@link #CURRENCY}. */
    public boolean hasMoney() {
        return fields.stream().anyMatch(f -> f.type() == FieldType.MONEY);
    }

    /**
     * Builds the record from a row of canonical values.
     *
     * @throws IllegalArgumentException naming the field that is missing or invalid
     */
    public T fromRow(Row row) {
        return factory.apply(row);
    }

    /** The record's values by field name; absent optional values are left out. */
    public Row toRow(T entity) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field<T> f : fields) {
            Object v = f.valueOf(entity);
            if (v != null) {
                values.put(f.name(), v);
            }
        }
        return new Row(values);
    }

    /** The key values of {@code entity}, in {@link #key()} order. */
    public List<Object> keyOf(T entity) {
        List<Object> values = new ArrayList<>();
        for (String k : key) {
            values.add(byName.get(k).valueOf(entity));
        }
        return values;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Declares the fields in order; {@link #build} takes the factory that turns a {@link Row} into the record. */
    public static final class Builder<T> {
        private final String name;
        private final Class<T> javaType;
        private final String description;
        private final List<Field<T>> fields = new ArrayList<>();
        private final List<String> key = new ArrayList<>();
        private String generatedId;

        private Builder(String name, Class<T> javaType, String description) {
            this.name = Objects.requireNonNull(name);
            this.javaType = Objects.requireNonNull(javaType);
            this.description = Objects.requireNonNull(description);
        }

        /** The leading {@code account_id} field, part of the key. */
        public Builder<T> accountId(Function<T, String> getter) {
            key.add(EntityType.ACCOUNT_ID);
            return add(EntityType.ACCOUNT_ID, FieldType.TEXT, true, List.of(), 100, "the account's identifier", getter::apply);
        }

        /** A text key field (the entity's own identifier). */
        public Builder<T> id(String field, String description, Function<T, String> getter) {
            key.add(field);
            return add(field, FieldType.TEXT, true, List.of(), 100, description, getter::apply);
        }

        /** A text key field derived from the other values when an import leaves it empty. */
        public Builder<T> generatedId(String field, String description, Function<T, String> getter) {
            generatedId = field;
            return id(field, description, getter);
        }

        /** Makes an already declared field part of the key. */
        public Builder<T> keyed(String field) {
            key.add(field);
            return this;
        }

        public Builder<T> text(String field, boolean required, int maxLength, String description, Function<T, Object> getter) {
            return add(field, FieldType.TEXT, required, List.of(), maxLength, description, getter);
        }

        public Builder<T> integer(String field, boolean required, String description, Function<T, Object> getter) {
            return add(field, FieldType.INTEGER, required, List.of(), 0, description, getter);
        }

        public Builder<T> bool(String field, String description, Function<T, Object> getter) {
            return add(field, FieldType.BOOLEAN, false, List.of(), 0, description, getter);
        }

        public Builder<T> date(String field, boolean required, String description, Function<T, Object> getter) {
            return add(field, FieldType.DATE, required, List.of(), 0, description, getter);
        }

        public Builder<T> timestamp(String field, boolean required, String description, Function<T, Object> getter) {
            return add(field, FieldType.TIMESTAMP, required, List.of(), 0, description, getter);
        }

        /** A money field; declares the {@code currency} field after it. */
        public Builder<T> money(String field, boolean required, String description, Function<T, Object> getter) {
            add(field, FieldType.MONEY, required, List.of(), 0, description, getter);
            return add(EntityType.CURRENCY, FieldType.TEXT, required, List.of(), 3, "ISO 4217 code of " + field,
                    e -> unwrap(getter.apply(e)) instanceof io.tenure.api.money.Money m ? m.currency().getCurrencyCode() : null);
        }

        /** An enum field written as its lower-case code. */
        public Builder<T> code(String field, boolean required, Class<? extends Enum<?>> type, String description,
                Function<T, Object> getter) {
            return add(field, FieldType.CODE, required, Codes.codes(type), 40, description,
                    e -> unwrap(getter.apply(e)) instanceof Enum<?> v ? Codes.code(v) : null);
        }

        public Builder<T> tags(String field, String description, Function<T, Object> getter) {
            return add(field, FieldType.TAGS, false, List.of(), 2000, description, e -> {
                Object v = getter.apply(e);
                return v instanceof List<?> l && l.isEmpty() ? null : v;
            });
        }

        private Builder<T> add(String field, FieldType type, boolean required, List<String> codes, int maxLength,
                String description, Function<T, Object> getter) {
            Function<T, Object> unwrapped = e -> unwrap(getter.apply(e));
            fields.add(new Field<>(field, type, required, codes, maxLength, description, unwrapped));
            return this;
        }

        private static Object unwrap(Object value) {
            return value instanceof Optional<?> o ? o.orElse(null) : value;
        }

        public EntityType<T> build(Function<Row, T> factory) {
            return new EntityType<>(this, factory);
        }
    }
}
