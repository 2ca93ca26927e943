package io.tenure.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * One JSON object as the intake needs it, read by Jackson's streaming parser straight from the bytes as received
 * (the parser checks the whole text is JSON as it goes): the members' scalar values, the members of nested objects
 * down to {@link #NESTED} levels, and where every value sits. Building a general tree of every event cost the intake
 * most of its time.
 */
final class JsonView {
    static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build()).build();
    /** Nested objects read along with their parent (deeper ones are read when asked for). */
    static final int NESTED = 3;

    /** A member's value: its token, its text when it is a scalar, its bytes, and its members when it is an object. */
    private record Member(JsonToken token, String text, int start, int end, JsonView nested) {
    }

    private final byte[] bytes;
    private final Map<String, Member> members;

    private JsonView(byte[] bytes, Map<String, Member> members) {
        this.bytes = bytes;
        this.members = members;
    }

    /** A JSON text that is not valid, or not an object. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /**
     * Reads the JSON value in {@code bytes[from, to)}, which must be an object with nothing after it.
     *
     * @throws Invalid when it is not valid JSON (the message says what and at which byte) or not an object
     */
    static JsonView read(byte[] bytes, int from, int to) throws Invalid {
        try (JsonParser p = JSON.createParser(bytes, from, to - from)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new Invalid(first == null ? "no JSON value" : "not an object: " + EventParser.abbreviate(p.getText()));
            }
            JsonView view = read(p, bytes, from, 1);
            if (p.nextToken() != null) {
                throw new Invalid("unexpected content after the object at byte " + p.currentTokenLocation().getByteOffset());
            }
            return view;
        } catch (JsonProcessingException e) {
            throw new Invalid(message(e));
        } catch (IOException e) {
            throw new IllegalStateException("reading an array cannot fail: " + e, e);
        }
    }

    static JsonView read(byte[] bytes) throws Invalid {
        return read(bytes, 0, bytes.length);
    }

    /**
     * Reads the object whose START_OBJECT is {@code p}'s current token, up to and including its END_OBJECT.
     *
     * @param base where the parser's byte offsets start in {@code bytes}
     * @param depth this object's depth (1 for an event)
     */
    static JsonView read(JsonParser p, byte[] bytes, int base, int depth) throws IOException {
        Map<String, Member> members = new HashMap<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            int start = base + (int) p.currentTokenLocation().getByteOffset();
            String text = null;
            JsonView nested = null;
            if (value == JsonToken.START_OBJECT) {
                if (depth <= NESTED) {
                    nested = read(p, bytes, base, depth + 1);
                } else {
                    p.skipChildren();
                }
            } else if (value == JsonToken.START_ARRAY) {
                p.skipChildren();
            } else {
                text = p.getText();
            }
            members.put(name, new Member(value, text, start, base + (int) p.currentLocation().getByteOffset(), nested));
        }
        return new JsonView(bytes, members);
    }

    /** Jackson's message without its source excerpt, with the byte it is about. */
    static String message(JsonProcessingException e) {
        return e.getOriginalMessage() + (e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset());
    }

    /** Present and not JSON null. */
    boolean has(String field) {
        Member m = members.get(field);
        return m != null && m.token != JsonToken.VALUE_NULL;
    }

    boolean present(String field) {
        return members.containsKey(field);
    }

    /** A string member's value. */
    Optional<String> string(String field) {
        Member m = members.get(field);
        return m != null && m.token == JsonToken.VALUE_STRING ? Optional.of(m.text) : Optional.empty();
    }

    boolean isString(String field) {
        Member m = members.get(field);
        return m != null && m.token == JsonToken.VALUE_STRING;
    }

    /** A string or a number, as text (a number as it was written). */
    Optional<String> scalarText(String field) {
        Member m = members.get(field);
        return m != null && (m.token == JsonToken.VALUE_STRING || m.token.isNumeric()) ? Optional.of(m.text) : Optional.empty();
    }

    boolean isObject(String field) {
        Member m = members.get(field);
        return m != null && m.token == JsonToken.START_OBJECT;
    }

    /** A member that is an object. */
    Optional<JsonView> object(String field) {
        Member m = members.get(field);
        if (m == null || m.token != JsonToken.START_OBJECT) {
            return Optional.empty();
        }
        if (m.nested != null) {
            return Optional.of(m.nested);
        }
        try {
            return Optional.of(read(bytes, m.start, m.end));
        } catch (Invalid e) {
            throw new IllegalStateException("an object checked while reading its parent: " + e.getMessage(), e);
        }
    }

    /** The member's value as JSON text (for messages). */
    String json(String field) {
        Member m = members.get(field);
        if (m == null) {
            return "";
        }
        return m.token == JsonToken.VALUE_STRING ? '"' + m.text + '"'
                : new String(bytes, m.start, m.end - m.start, StandardCharsets.UTF_8).strip();
    }
}
