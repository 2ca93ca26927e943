package io.tenure.store.io;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Field;
import io.tenure.api.data.FieldType;
import io.tenure.api.data.Row;

/**
 * Turns the text values of one input row (CSV cells, JSON values, a REST body) into a record, collecting every
 * problem with the column it is in.
 */
public final class RowParser<T> {

    /** A problem with one column ({@code ""} for the row as a whole). */
    public record Problem(String column, String reason) {
    }

    /** The record, or the problems that kept it from being built. */
    public record Result<T>(T entity, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final EntityType<T> type;
    private final MessageDigest sha256;

    /** A parser for one thread (it keeps a digest for derived identifiers). */
    public RowParser(EntityType<T> type) {
        this.type = type;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public EntityType<T> type() {
        return type;
    }

    /**
     * Parses one row.
     *
     * @param raw field name to text; blank text means absent
     */
    public Result<T> parse(Map<String, String> raw) {
        List<Problem> problems = new ArrayList<>();
        for (String column : raw.keySet()) {
            if (type.field(column).isEmpty()) {
                problems.add(new Problem(column, "is not a field of " + type.name() + "; fields are " + fieldNames()));
            }
        }
        String currency = raw.getOrDefault(EntityType.CURRENCY, "").strip();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field<T> f : type.fields()) {
            String text = raw.get(f.name());
            if (text == null || text.isBlank()) {
                boolean derived = type.generatedId().filter(f.name()::equals).isPresent();
                boolean currencyOfAbsentMoney = f.name().equals(EntityType.CURRENCY) && !moneyPresent(raw);
                if (f.required() && !derived && !currencyOfAbsentMoney) {
                    problems.add(new Problem(f.name(), "is required"));
                }
                continue;
            }
            if (f.name().equals(EntityType.CURRENCY)) {
                try {
                    values.put(f.name(), io.tenure.api.money.Money.currency(text).getCurrencyCode());
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(f.name(), "'" + FieldCodec.shorten(text.strip()) + "' is not an ISO 4217 currency code"));
                }
                continue;
            }
            try {
                values.put(f.name(), FieldCodec.parse(f, text, f.type() == FieldType.MONEY ? currency : null));
            } catch (IllegalArgumentException e) {
                if (!(f.type() == FieldType.MONEY && currency.isEmpty() && raw.containsKey(EntityType.CURRENCY))) {
                    problems.add(new Problem(f.name(), e.getMessage()));
                }
            }
        }
        if (!problems.isEmpty()) {
            return new Result<>(null, problems);
        }
        type.generatedId().filter(id -> !values.containsKey(id)).ifPresent(id -> values.put(id, derivedId(values)));
        try {
            return new Result<>(type.fromRow(new Row(values)), List.of());
        } catch (IllegalArgumentException | NullPointerException e) {
            String message = String.valueOf(e.getMessage());
            String column = type.fields().stream().map(Field::name).filter(n -> message.startsWith(n + " "))
                    .findFirst().orElse("");
            return new Result<>(null, List.of(new Problem(column, column.isEmpty() ? message
                    : message.substring(column.length() + 1))));
        }
    }

    private boolean moneyPresent(Map<String, String> raw) {
        return type.fields().stream().filter(f -> f.type() == FieldType.MONEY)
                .anyMatch(f -> raw.get(f.name()) != null && !raw.get(f.name()).isBlank());
    }

    private String fieldNames() {
        return String.join(", ", type.fields().stream().map(Field::name).toList());
    }

    /**
     * A stable identifier from the row's values, so the same row imported twice is stored once. Two identical rows
     * without an identifier are one row; give them identifiers to keep them apart.
     */
    private String derivedId(Map<String, Object> values) {
        StringBuilder b = new StringBuilder(type.name());
        for (Field<T> f : type.fields()) {
            b.append('\u001f').append(FieldCodec.format(f.type(), values.get(f.name())));
        }
        byte[] digest = sha256.digest(b.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 12);
    }
}
