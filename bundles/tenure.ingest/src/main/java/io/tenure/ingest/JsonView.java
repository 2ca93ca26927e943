package io.tenure.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * One JSON object as the intake needs it, read in a single pass of Jackson's streaming parser over the bytes as
 * received: the whole text is checked to be JSON, the members' scalar values are kept, and of nested objects and
 * arrays only where they are (an object is read, the same way, when a path asks for it). Building a full tree of
 * every event cost the intake most of its time.
 */
final class JsonView {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build()).build();

    /** A member's value: its token, its text when it is a scalar, and its bytes. */
    private record Member(JsonToken token, String text, int start, int end) {
    }

    private final byte[] bytes;
    private final Map<String, Member> members;

    private JsonView(byte[] bytes, Map<String, Member> members) {
        this.bytes = bytes;
        this.members = members;
    }

    /** A JSON text that is not valid, or not what was expected there. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /**
     * Reads the JSON value in {@code bytes[from, to)}, which must be an object with nothing after it.
     *
     * @throws Invalid when it is not valid JSON (the message says what and where) or not an object (the message is
     *         {@code not an object: <the value>})
     */
    static JsonView read(byte[] bytes, int from, int to) throws Invalid {
        try (JsonParser p = JSON.createParser(bytes, from, to - from)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                if (first == null) {
                    throw new Invalid("no JSON value");
                }
                int start = (int) p.currentTokenLocation().getByteOffset();
                p.skipChildren();
                throw new Invalid("not an object: " + EventParser.abbreviate(new String(bytes, from + start,
                        Math.max(0, Math.min(to - from - start, 80)), StandardCharsets.UTF_8).strip()));
            }
            Map<String, Member> members = new HashMap<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                int start = from + (int) p.currentTokenLocation().getByteOffset();
                String text = null;
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else {
                    text = p.getText();
                }
                int end = from + (int) p.currentLocation().getByteOffset();
                members.put(name, new Member(value, text, start, end));
            }
            if (p.nextToken() != null) {
                throw new Invalid("unexpected content after the object at byte " + p.currentTokenLocation().getByteOffset());
            }
            return new JsonView(bytes, members);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Invalid(e.getOriginalMessage() + " at byte " + e.getLocation().getByteOffset());
        } catch (IOException e) {
            throw new IllegalStateException("reading an array cannot fail: " + e, e);
        }
    }

    static JsonView read(byte[] bytes) throws Invalid {
        return read(bytes, 0, bytes.length);
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

    /** A member that is an object, read when asked for. */
    Optional<JsonView> object(String field) {
        Member m = members.get(field);
        if (m == null || m.token != JsonToken.START_OBJECT) {
            return Optional.empty();
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
        return new String(bytes, m.start, m.end - m.start, StandardCharsets.UTF_8).strip();
    }
}
