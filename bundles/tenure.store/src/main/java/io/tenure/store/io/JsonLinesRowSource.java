package io.tenure.store.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.RowError;

/**
 * JSON Lines: one object per line with the fields by name. Values may be strings, numbers, booleans, arrays (tags)
 * or, for money, {@code {"amount": "12.00", "currency": "USD"}}; null means absent. Blank lines are skipped.
 */
public final class JsonLinesRowSource implements RowSource {
    private final String source;
    private final BufferedReader reader;
    private long line;

    JsonLinesRowSource(String source, Reader reader) {
        this.source = source;
        this.reader = new BufferedReader(reader, 1 << 16);
    }

    @Override
    public Optional<RawRow> next() throws IOException {
        String text;
        do {
            text = reader.readLine();
            line++;
            if (text == null) {
                return Optional.empty();
            }
        } while (text.isBlank());
        JsonElement element;
        try {
            element = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            return Optional.of(error("is not valid JSON: " + rootMessage(e)));
        }
        if (!element.isJsonObject()) {
            return Optional.of(error("is not a JSON object"));
        }
        try {
            return Optional.of(new RawRow(line, values(element.getAsJsonObject()), Optional.empty()));
        } catch (IllegalArgumentException e) {
            return Optional.of(error(e.getMessage()));
        }
    }

    /** The object's values as text, as if they came from CSV. */
    public static Map<String, String> values(JsonObject object) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : object.entrySet()) {
            JsonElement v = e.getValue();
            if (v.isJsonNull()) {
                continue;
            }
            if (v.isJsonPrimitive()) {
                values.put(e.getKey(), v.getAsString());
            } else if (v.isJsonArray()) {
                StringBuilder b = new StringBuilder();
                for (JsonElement item : v.getAsJsonArray()) {
                    if (!item.isJsonPrimitive()) {
                        throw new IllegalArgumentException("field " + e.getKey() + " must be an array of strings");
                    }
                    b.append(b.length() == 0 ? "" : ";").append(item.getAsString());
                }
                values.put(e.getKey(), b.toString());
            } else {
                JsonObject money = v.getAsJsonObject();
                if (!money.has("amount")) {
                    throw new IllegalArgumentException("field " + e.getKey() + " is an object; only money "
                            + "{\"amount\", \"currency\"} may be");
                }
                values.put(e.getKey(), money.get("amount").getAsString());
                if (money.has("currency")) {
                    values.put(EntityType.CURRENCY, money.get("currency").getAsString());
                }
            }
        }
        return values;
    }

    private RawRow error(String reason) {
        return new RawRow(line, Map.of(), Optional.of(new RowError(source, line, "", reason)));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    @Override
    public long line() {
        return line + 1;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
