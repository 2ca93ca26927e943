package io.tenure.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads the body of a Segment tracking call into validated events, enforcing Segment's limits: 32 KB per event and
 * 500 KB per request. A batch is scanned once to find each event's bytes (so each event's size is its size as sent),
 * then each event is parsed and checked. Every problem is reported with where it is ({@code batch[3].event}); a
 * request with any bad event is refused whole, so a client never has half a batch stored.
 */
final class EventParser {
    static final int MAX_EVENT_BYTES = 32 * 1024;
    static final int MAX_REQUEST_BYTES = 500 * 1024;
    static final int MAX_ID = 200;
    static final int MAX_ACCOUNT_ID = 100;
    static final int MAX_LISTED_PROBLEMS = 50;
    private static final Gson GSON = new com.google.gson.GsonBuilder().disableHtmlEscaping().create();
    /**
     * ISO-8601 with one offset written as Z, +01:00, +0100 or +01 (Segment's libraries use each); a date that does
     * not exist is refused, not moved to the end of its month.
     */
    static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder().append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T').appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).optionalStart().appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().optionalEnd()
            .parseLenient().appendOffset("+HH", "Z").parseStrict().toFormatter()
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    /** A request the API refuses with 400: a message and every problem found. */
    static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;
        final List<String> problems;
        final long events;

        BadRequest(String message, List<String> problems, long events) {
            super(message);
            this.problems = List.copyOf(problems);
            this.events = events;
        }
    }

    /** The events of a request and the write key its body carried, if any. */
    record Parsed(Optional<String> writeKey, List<LogRecord.Event> events) {
    }

    private EventParser() {
    }

    /**
     * @param single the call of a single-event path ({@code /v1/track}), or empty for {@code /v1/batch} and
     *        {@code /v1/import}
     */
    static Parsed parse(Optional<EventType> single, byte[] body, int length, EventMapper mapper) throws BadRequest {
        int limit = single.isPresent() ? MAX_EVENT_BYTES : MAX_REQUEST_BYTES;
        if (length > limit) {
            throw tooLarge(single, length);
        }
        if (single.isEmpty()) {
            return batch(body, length, mapper);
        }
        Scanner scanner = new Scanner(body, length);
        Map<String, int[]> top;
        try {
            top = scanner.object(0);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("the body is not a JSON object: " + e.getMessage(), List.of(), 1);
        }
        Optional<String> writeKey = Optional.empty();
        if (top.containsKey("writeKey")) {
            JsonElement key = parse(body, top.get("writeKey"));
            if (!key.isJsonPrimitive() || !key.getAsJsonPrimitive().isString()) {
                throw new BadRequest("writeKey must be a string", List.of("writeKey: " + key), 1);
            }
            writeKey = Optional.of(key.getAsString());
        }
        List<String> problems = new ArrayList<>();
        List<LogRecord.Event> events = new ArrayList<>();
        JsonObject event = parse(body, new int[] { 0, scanner.end }).getAsJsonObject();
        event.remove("writeKey");
        if (event.has("type") && !new JsonPrimitive(single.get().wireName()).equals(event.get("type"))) {
            problems.add("type: '" + event.get("type") + "' does not match the path /v1/" + single.get().wireName());
        }
        event.addProperty("type", single.get().wireName());
        byte[] json = GSON.toJson(event).getBytes(StandardCharsets.UTF_8);
        JsonView view;
        try {
            view = JsonView.read(json);
        } catch (JsonView.Invalid e) {
            throw new BadRequest("the body is not valid JSON: " + e.getMessage(), List.of(), 1);
        }
        Optional<String> checked = check(view, single.get(), "", problems);
        checked.map(id -> new LogRecord.Event(single.get(), id, mapper.fields(single.get(), view), json)).ifPresent(events::add);
        if (!problems.isEmpty()) {
            throw new BadRequest("the " + single.get().wireName() + " call is not valid: " + problems.get(0), problems, 1);
        }
        return new Parsed(writeKey, events);
    }

    /**
     * A batch ({@code /v1/batch}, {@code /v1/import}) in one pass of one streaming parser: the top level, and each
     * event with where its bytes are. A request that is not JSON is refused at the first error, naming the event it
     * is in; otherwise every bad event is named.
     */
    private static Parsed batch(byte[] body, int length, EventMapper mapper) throws BadRequest {
        if (length >= 2 && (body[0] == 0 || body[1] == 0 || (body[0] & 0xff) == 0xfe || (body[0] & 0xff) == 0xff)) {
            throw new BadRequest("the body must be JSON in UTF-8 (it looks like UTF-16 or UTF-32)", List.of("body: not UTF-8"), 1);
        }
        List<String> problems = new ArrayList<>();
        List<LogRecord.Event> events = new ArrayList<>();
        Optional<String> writeKey = Optional.empty();
        boolean sawBatch = false;
        int count = 0;
        try (com.fasterxml.jackson.core.JsonParser p = JsonView.JSON.createParser(body, 0, length)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new BadRequest("the body is not a JSON object: expected '{' at byte "
                        + p.currentTokenLocation().getByteOffset(), List.of(), 1);
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("writeKey".equals(name)) {
                    if (value != JsonToken.VALUE_STRING) {
                        p.skipChildren();
                        throw new BadRequest("writeKey must be a string", List.of("writeKey: " + value.asString()), 1);
                    }
                    writeKey = Optional.of(p.getText());
                } else if ("batch".equals(name) && !sawBatch) {
                    sawBatch = true;
                    if (value != JsonToken.START_ARRAY) {
                        String what = "expected '[' at byte " + p.currentTokenLocation().getByteOffset();
                        throw new BadRequest("\"batch\" must be an array of events: " + what, List.of("batch: " + what), 1);
                    }
                    for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                        String where = "batch[" + count++ + "]";
                        int start = (int) p.currentTokenLocation().getByteOffset();
                        if (e != JsonToken.START_OBJECT) {
                            String text = e.isScalarValue() ? (e == JsonToken.VALUE_STRING ? '"' + p.getText() + '"' : p.getText())
                                    : e == JsonToken.START_ARRAY ? "an array" : e.asString();
                            p.skipChildren();
                            problems.add(where + ": an event must be a JSON object, not " + abbreviate(text));
                            continue;
                        }
                        JsonView event = JsonView.read(p, body, 0, 1);
                        int end = (int) p.currentLocation().getByteOffset();
                        if (end - start > MAX_EVENT_BYTES) {
                            problems.add(where + ": " + (end - start) + " bytes is larger than the 32 KB an event may be");
                            continue;
                        }
                        event(event, body, start, end, where, mapper, problems, events);
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new BadRequest("the body is not a JSON object: unexpected content after the object at byte "
                        + p.currentTokenLocation().getByteOffset(), List.of(), Math.max(1, count));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String where = count > 0 ? " (in batch[" + (count - 1) + "])" : "";
            throw new BadRequest("the body is not valid JSON: " + JsonView.message(e) + where,
                    List.of((count > 0 ? "batch[" + (count - 1) + "]: " : "body: ") + JsonView.message(e)), Math.max(1, count));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("reading an array cannot fail: " + e, e);
        }
        if (!sawBatch) {
            throw new BadRequest("a batch call needs \"batch\": an array of events", List.of("batch: missing"), 1);
        }
        if (!problems.isEmpty()) {
            throw new BadRequest(problems.size() + " of " + count + " events are not valid; none was stored: "
                    + problems.get(0), problems.subList(0, Math.min(MAX_LISTED_PROBLEMS, problems.size())), count);
        }
        return new Parsed(writeKey, events);
    }

    /** Checks one event of a batch and, when it is valid and the batch so far too, keeps it. */
    private static void event(JsonView event, byte[] body, int start, int end, String where, EventMapper mapper,
            List<String> problems, List<LogRecord.Event> events) {
        Optional<EventType> type = event.string("type").flatMap(EventType::of);
        if (type.isEmpty()) {
            problems.add(where + ".type: " + (event.present("type") ? "'" + abbreviate(event.json("type"))
                    + "' is not one of track, identify, group, page, screen, alias" : "missing"));
            return;
        }
        Optional<String> messageId = check(event, type.get(), where + ".", problems);
        if (messageId.isPresent() && problems.isEmpty()) {
            events.add(new LogRecord.Event(type.get(), messageId.get(), mapper.fields(type.get(), event),
                    java.util.Arrays.copyOfRange(body, start, end)));
        }
    }

    /** The body's writeKey when its top level can be read, however bad its events are. */
    static Optional<String> writeKeyOf(byte[] body, int length) {
        try {
            int[] slice = new Scanner(body, length).object(0).get("writeKey");
            if (slice == null) {
                return Optional.empty();
            }
            JsonElement key = parse(body, slice);
            return key.isJsonPrimitive() && key.getAsJsonPrimitive().isString() ? Optional.of(key.getAsString()) : Optional.empty();
        } catch (IllegalArgumentException | BadRequest e) {
            return Optional.empty();
        }
    }

    /** @param length the body's size, or -1 when only known to be over the limit */
    static BadRequest tooLarge(Optional<EventType> single, long length) {
        String size = length < 0 ? "more than " + (single.isPresent() ? MAX_EVENT_BYTES : MAX_REQUEST_BYTES) : String.valueOf(length);
        return single.isPresent()
                ? new BadRequest("the event is " + size + " bytes; an event may be at most 32 KB (" + MAX_EVENT_BYTES + " bytes)",
                        List.of("body: " + size + " bytes"), 1)
                : new BadRequest("the request is " + size + " bytes; a batch may be at most 500 KB (" + MAX_REQUEST_BYTES
                        + " bytes): send smaller batches", List.of("body: " + size + " bytes"), 1);
    }

    private static JsonElement parse(byte[] body, int[] slice) throws BadRequest {
        try {
            return JsonParser.parseString(new String(body, slice[0], slice[1] - slice[0], StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            throw new BadRequest("the body is not valid JSON: " + e.getMessage(), List.of(), 1);
        }
    }

    /** Checks one event; adds a problem per bad field. @return its message id (generated when absent) when it is valid */
    private static Optional<String> check(JsonView e, EventType type, String where, List<String> problems) {
        int before = problems.size();
        Optional<String> userId = id(e, "userId", MAX_ID, where, problems);
        Optional<String> anonymousId = id(e, "anonymousId", MAX_ID, where, problems);
        if (userId.isEmpty() && anonymousId.isEmpty() && problems.size() == before) {
            problems.add(where + "userId: a " + type.wireName() + " call needs userId or anonymousId");
        }
        Optional<String> messageId = id(e, "messageId", MAX_ID, where, problems);
        switch (type) {
            case TRACK -> {
                Optional<String> name = e.string("event");
                if (name.isEmpty() || name.get().isBlank()) {
                    problems.add(where + "event: a track call needs the event name");
                } else if (name.get().length() > MAX_ID) {
                    problems.add(where + "event: longer than " + MAX_ID + " characters");
                } else if (!wellFormed(name.get())) {
                    problems.add(where + "event: is not valid Unicode (an unpaired surrogate, such as \\ud800 alone)");
                }
            }
            case GROUP -> {
                if (id(e, "groupId", MAX_ACCOUNT_ID, where, problems).isEmpty() && !e.has("groupId")) {
                    problems.add(where + "groupId: a group call needs the groupId");
                }
            }
            case ALIAS -> {
                if (id(e, "previousId", MAX_ID, where, problems).isEmpty() && !e.has("previousId")) {
                    problems.add(where + "previousId: an alias call needs the previousId");
                }
                if (userId.isEmpty() && !e.has("userId")) {
                    problems.add(where + "userId: an alias call needs the userId");
                }
            }
            case PAGE, SCREEN -> {
                if (e.has("name") && !e.isString("name")) {
                    problems.add(where + "name: must be a string");
                }
            }
            case IDENTIFY -> {
                // traits are checked below
            }
        }
        for (String object : OBJECTS) {
            if (e.has(object) && !e.isObject(object)) {
                problems.add(where + object + ": must be a JSON object");
            }
        }
        if (e.has("timestamp")) {
            Optional<String> ts = e.string("timestamp");
            if (ts.isEmpty() || timestamp(ts.get()).isEmpty()) {
                problems.add(where + "timestamp: '" + abbreviate(e.json("timestamp"))
                        + "' is not an ISO-8601 time such as 2026-11-25T10:15:30.000Z");
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(messageId.orElseGet(() -> "tenure-" + UUID.randomUUID()));
    }

    private static final List<String> OBJECTS = List.of("properties", "traits", "context", "integrations");

    /** The UTC day of a valid timestamp. */
    static Optional<Integer> epochDay(String text) {
        return timestamp(text).map(t -> (int) Math.floorDiv(t.getEpochSecond(), 86_400L));
    }

    static Optional<Instant> timestamp(String text) {
        Optional<Instant> utc = utc(text);
        if (utc != null) { // the usual form, read without the general formatter
            return utc;
        }
        try {
            return Optional.of(OffsetDateTime.parse(text, TIMESTAMP).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code yyyy-MM-ddTHH:mm[:ss[.f]]Z} (a fraction of 1 to 9 digits): the time, or empty when it is no such time (the
     * 30th of February); null for a text of any other form.
     */
    @SuppressWarnings("java:S2789") // null means "another form" here, empty "not a time"
    private static Optional<Instant> utc(String t) {
        int n = t.length();
        if (n < 17 || n > 30 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = 0;
        int nanos = 0;
        int at = 16;
        if (at < n - 1) {
            if (t.charAt(at) != ':' || n < 20) {
                return null;
            }
            second = digits(t, 17, 19);
            at = 19;
            if (at < n - 1) {
                int fraction = n - 1 - (at + 1);
                if (t.charAt(at) != '.' || fraction < 1) {
                    return null;
                }
                nanos = digits(t, at + 1, n - 1);
                for (int k = fraction; k < 9 && nanos >= 0; k++) {
                    nanos *= 10;
                }
                at = n - 1;
            }
        }
        if ((year | month | day | hour | minute | second | nanos) < 0) {
            return null;
        }
        try {
            return Optional.of(java.time.LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                    .toInstant(java.time.ZoneOffset.UTC));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The number written in {@code t[from, to)} with ASCII digits only, or -1. */
    private static int digits(String t, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** An identifier: a string or a number, not blank, at most {@code max} characters. */
    private static Optional<String> id(JsonView e, String field, int max, String where, List<String> problems) {
        if (!e.has(field)) {
            return Optional.empty();
        }
        Optional<String> text = e.scalarText(field);
        if (text.isEmpty()) {
            problems.add(where + field + ": must be a string or a number, not " + abbreviate(e.json(field)));
            return Optional.empty();
        }
        String s = text.get();
        if (s.isBlank()) {
            problems.add(where + field + ": is empty");
            return Optional.empty();
        }
        if (!wellFormed(s)) {
            problems.add(where + field + ": is not valid Unicode (an unpaired surrogate, such as \\ud800 alone)");
            return Optional.empty();
        }
        if (s.length() > max) {
            problems.add(where + field + ": longer than " + max + " characters");
            return Optional.empty();
        }
        return Optional.of(s);
    }

    static Optional<String> text(JsonObject e, String field) {
        JsonElement v = e.get(field);
        return v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isString() ? Optional.of(v.getAsString()) : Optional.empty();
    }

    /** No unpaired surrogate: the text survives UTF-8 as it is (an unpaired one would become '?', and two ids one). */
    static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /**
     * Finds the values of a JSON object as byte ranges, without building them (the top level of a single call, and
     * the writeKey of a refused body); checks the structure (brackets, strings, commas) but leaves the values to the
     * parser. A batch is read by {@link #batch} instead.
     */
    static final class Scanner {
        private final byte[] b;
        final int end;

        Scanner(byte[] b, int length) {
            this.b = b;
            int e = length;
            while (e > 0 && whitespace(b[e - 1])) {
                e--;
            }
            this.end = e;
        }

        private static boolean whitespace(byte c) {
            return c == ' ' || c == '\n' || c == '\r' || c == '\t';
        }

        private int ws(int i) {
            while (i < end && whitespace(b[i])) {
                i++;
            }
            return i;
        }

        private IllegalArgumentException error(int i, String what) {
            return new IllegalArgumentException(what + " at byte " + i);
        }

        /** The top-level object starting at {@code from}: each key with the byte range of its value. */
        Map<String, int[]> object(int from) {
            int i = ws(from);
            if (i >= end || b[i] != '{') {
                throw error(i, "expected '{'");
            }
            Map<String, int[]> values = new LinkedHashMap<>();
            i = ws(i + 1);
            if (i < end && b[i] == '}') {
                if (ws(i + 1) != end) {
                    throw error(i + 1, "unexpected content after the object");
                }
                return values;
            }
            while (true) {
                if (i >= end || b[i] != '"') {
                    throw error(i, "expected a key");
                }
                int keyEnd = skipString(i);
                String key = new String(b, i + 1, keyEnd - i - 2, StandardCharsets.UTF_8);
                if (key.indexOf('\\') >= 0) {
                    key = JsonParser.parseString(new String(b, i, keyEnd - i, StandardCharsets.UTF_8)).getAsString();
                }
                i = ws(keyEnd);
                if (i >= end || b[i] != ':') {
                    throw error(i, "expected ':'");
                }
                int start = ws(i + 1);
                int valueEnd = skipValue(start);
                values.put(key, new int[] { start, valueEnd });
                i = ws(valueEnd);
                if (i < end && b[i] == ',') {
                    i = ws(i + 1);
                    continue;
                }
                if (i < end && b[i] == '}') {
                    if (ws(i + 1) != end) {
                        throw error(i + 1, "unexpected content after the object");
                    }
                    return values;
                }
                throw error(i, "expected ',' or '}'");
            }
        }

        private int skipString(int i) {
            int j = i + 1;
            while (j < end) {
                byte c = b[j];
                if (c == '\\') {
                    j += 2;
                } else if (c == '"') {
                    return j + 1;
                } else {
                    j++;
                }
            }
            throw error(i, "unterminated string");
        }

        /** The end of the value starting at {@code i}. */
        int skipValue(int i) {
            if (i >= end) {
                throw error(i, "expected a value");
            }
            byte c = b[i];
            if (c == '"') {
                return skipString(i);
            }
            if (c == '{' || c == '[') {
                int depth = 0;
                int j = i;
                while (j < end) {
                    byte d = b[j];
                    if (d == '"') {
                        j = skipString(j);
                        continue;
                    }
                    if (d == '{' || d == '[') {
                        depth++;
                    } else if (d == '}' || d == ']') {
                        depth--;
                        if (depth == 0) {
                            return j + 1;
                        }
                    }
                    j++;
                }
                throw error(i, "unclosed " + (c == '{' ? "object" : "array"));
            }
            int j = i;
            while (j < end && b[j] != ',' && b[j] != '}' && b[j] != ']' && !whitespace(b[j])) {
                j++;
            }
            if (j == i) {
                throw error(i, "expected a value");
            }
            return j;
        }
    }
}
