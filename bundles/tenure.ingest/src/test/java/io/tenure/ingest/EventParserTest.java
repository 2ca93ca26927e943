package io.tenure.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class EventParserTest {

    private static EventParser.Parsed parse(Optional<EventType> single, String body) throws EventParser.BadRequest {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return EventParser.parse(single, bytes, bytes.length, new EventMapper(TestSettings.settings(java.util.Map.of())));
    }

    private static EventParser.BadRequest bad(Optional<EventType> single, String body) {
        return assertThrows(EventParser.BadRequest.class, () -> parse(single, body));
    }

    @Test
    void aBatchKeepsEachEventAsSentWithItsCallAndMessageId() throws Exception {
        String first = "{\"type\":\"track\",\"event\":\"Report Built\",\"userId\":\"u1\",\"messageId\":\"m1\","
                + "\"properties\":{\"a\":[1,{\"b\":\"]}\"}]},\"timestamp\":\"2026-11-20T10:00:00.123Z\"}";
        String second = "{\"type\":\"group\",\"groupId\":42,\"anonymousId\":\"anon\"}";
        EventParser.Parsed parsed = parse(Optional.empty(), "{\"writeKey\":\"k\\u0031\", \"batch\": [" + first + " , " + second + "]}");
        assertEquals(Optional.of("k1"), parsed.writeKey());
        assertEquals(2, parsed.events().size());
        assertEquals(EventType.TRACK, parsed.events().get(0).type());
        assertEquals("m1", parsed.events().get(0).messageId());
        assertEquals(first, new String(parsed.events().get(0).json(), StandardCharsets.UTF_8));
        assertEquals(new EventMapper.Fields("u1", "", "", "Report Built", "", (int) java.time.LocalDate.of(2026, 11, 20).toEpochDay()),
                parsed.events().get(0).fields());
        assertEquals(EventType.GROUP, parsed.events().get(1).type());
        assertEquals(new EventMapper.Fields("", "anon", "42", "", "", -1), parsed.events().get(1).fields(), "the group is the account");
        assertTrue(parsed.events().get(1).messageId().startsWith("tenure-"), "a missing messageId is generated");
    }

    @Test
    void aSingleCallTakesItsTypeFromThePathAndDropsTheWriteKey() throws Exception {
        EventParser.Parsed parsed = parse(Optional.of(EventType.IDENTIFY), "{\"userId\":\"u1\",\"writeKey\":\"secret\","
                + "\"traits\":{\"email\":\"a@b.c\"}}");
        String json = new String(parsed.events().get(0).json(), StandardCharsets.UTF_8);
        assertEquals(Optional.of("secret"), parsed.writeKey());
        assertTrue(json.contains("\"type\":\"identify\"") && !json.contains("secret"), json);
    }

    @Test
    void everyBadEventIsNamedAndNothingIsAccepted() {
        EventParser.BadRequest e = bad(Optional.empty(), "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"ok\"},"
                + "{\"type\":\"track\",\"userId\":\"u\"},{\"type\":\"launch\"},{\"type\":\"group\",\"userId\":\"u\"},"
                + "{\"type\":\"page\",\"timestamp\":\"yesterday\",\"userId\":\"u\"},{\"type\":\"identify\"},"
                + "{\"type\":\"alias\",\"userId\":\"u\"},{\"type\":\"track\",\"event\":\"e\",\"userId\":true},"
                + "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\",\"properties\":[1]}]}");
        assertEquals(List.of("batch[1].event: a track call needs the event name",
                "batch[2].type: '\"launch\"' is not one of track, identify, group, page, screen, alias",
                "batch[3].groupId: a group call needs the groupId",
                "batch[4].timestamp: '\"yesterday\"' is not an ISO-8601 time such as 2026-11-25T10:15:30.000Z",
                "batch[5].userId: a identify call needs userId or anonymousId",
                "batch[6].previousId: an alias call needs the previousId",
                "batch[7].userId: must be a string or a number, not true",
                "batch[8].properties: must be a JSON object"), e.problems);
        assertTrue(e.getMessage().startsWith("8 of 9 events are not valid; none was stored"), e.getMessage());
        assertEquals(9, e.events);
    }

    @Test
    void anEventThatIsNotStrictJsonIsRefusedWithWhereItBreaks() {
        EventParser.BadRequest e = bad(Optional.empty(), "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"ok\"},"
                + "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"e\",\"properties\":{\"a\":tru}}]}");
        assertTrue(e.getMessage().startsWith("the body is not valid JSON: Unrecognized token 'tru'"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(in batch[1])"), e.getMessage());
        assertEquals(2, e.events);
        e = bad(Optional.empty(), "{\"batch\":[{\"type\":'track',\"userId\":\"u\",\"event\":\"e\"}]}");
        assertTrue(e.getMessage().startsWith("the body is not valid JSON: Unexpected character ('''"), e.getMessage());
        assertTrue(e.getMessage().contains("at byte 18") && e.getMessage().endsWith("(in batch[0])"), e.getMessage());
        e = bad(Optional.empty(), "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"ok\"},42,\"x\",[1]]}");
        assertEquals(List.of("batch[1]: an event must be a JSON object, not 42", "batch[2]: an event must be a JSON object, not \"x\"",
                "batch[3]: an event must be a JSON object, not an array"), e.problems);
    }

    @Test
    void aBodyInAnotherEncodingThanUtf8OrAnIdThatIsNotUnicodeIsRefused() {
        byte[] utf16 = "{\"batch\":[]}".getBytes(StandardCharsets.UTF_16LE);
        EventParser.BadRequest e = assertThrows(EventParser.BadRequest.class, () -> EventParser.parse(Optional.empty(), utf16,
                utf16.length, new EventMapper(TestSettings.settings(java.util.Map.of()))));
        assertTrue(e.getMessage().startsWith("the body must be JSON in UTF-8"), e.getMessage());
        e = bad(Optional.empty(), "{\"batch\":[{\"type\":\"track\",\"messageId\":\"x\\ud800\",\"userId\":\"u\",\"event\":\"e\"},"
                + "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"\\udc00\"}]}");
        assertEquals(List.of("batch[0].messageId: is not valid Unicode (an unpaired surrogate, such as \\ud800 alone)",
                "batch[1].event: is not valid Unicode (an unpaired surrogate, such as \\ud800 alone)"), e.problems);
        assertTrue(EventParser.wellFormed("emoji \ud83d\ude00 is a pair"));
    }

    @Test
    void nestedPathsAreReadWhereverTheEventSitsInTheBatch() throws Exception {
        String first = "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"A\",\"context\":{\"groupId\":\"acme\"}}";
        String second = "{\"properties\":{\"x\":[1,{\"y\":\"}\"}]},\"type\":\"track\",\"userId\":7,\"event\":\"B\","
                + "\"context\":{\"library\":{\"name\":\"analytics.js\"},\"groupId\":12}}";
        EventParser.Parsed parsed = parse(Optional.empty(), "{\"batch\":[" + first + " , " + second + "]}");
        assertEquals(new EventMapper.Fields("u1", "", "acme", "A", "", -1), parsed.events().get(0).fields());
        assertEquals(new EventMapper.Fields("7", "", "12", "B", "", -1), parsed.events().get(1).fields());
        assertEquals(second, new String(parsed.events().get(1).json(), StandardCharsets.UTF_8));
        assertEquals("track:*", parse(Optional.empty(), "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"*\"}]}")
                .events().get(0).fields().feature(), "the feature * holds the daily totals: an event of that name is another feature");
    }

    @Test
    void segmentsLimitsAreEnforcedWithAClearMessage() throws Exception {
        String big = "x".repeat(33 * 1024);
        EventParser.BadRequest event = bad(Optional.empty(), "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"e\","
                + "\"properties\":{\"p\":\"" + big + "\"}}]}");
        assertTrue(event.problems.get(0).startsWith("batch[0]: ") && event.problems.get(0).endsWith("bytes is larger than the 32 KB an event may be"),
                event.problems.toString());
        EventParser.BadRequest single = bad(Optional.of(EventType.TRACK), "{\"userId\":\"u\",\"event\":\"" + big + "\"}");
        assertTrue(single.getMessage().contains("an event may be at most 32 KB"), single.getMessage());
        StringBuilder batch = new StringBuilder("{\"batch\":[");
        String one = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"e\",\"properties\":{\"p\":\"" + "y".repeat(20_000) + "\"}}";
        for (int i = 0; i < 26; i++) {
            batch.append(i == 0 ? "" : ",").append(one);
        }
        EventParser.BadRequest request = bad(Optional.empty(), batch.append("]}").toString());
        assertTrue(request.getMessage().contains("a batch may be at most 500 KB"), request.getMessage());
        assertEquals(1, parse(Optional.empty(), "{\"batch\":[" + one + "]}").events().size(), "20 KB events are fine");
    }

    @Test
    void malformedBodiesSayWhatIsWrong() {
        assertTrue(bad(Optional.empty(), "[1,2]").getMessage().startsWith("the body is not a JSON object: expected '{' at byte 0"));
        assertTrue(bad(Optional.empty(), "{\"batch\":[{\"type\":\"track\"").getMessage().matches(
                "the body is not valid JSON: Unexpected end-of-input.* at byte 25 \\(in batch\\[0\\]\\)"));
        assertTrue(bad(Optional.empty(), "{\"batch\":{}}").getMessage().startsWith("\"batch\" must be an array of events"));
        assertTrue(bad(Optional.empty(), "{\"sentAt\":\"x\"}").getMessage().startsWith("a batch call needs \"batch\""));
        assertTrue(bad(Optional.of(EventType.TRACK), "{\"type\":\"page\",\"userId\":\"u\",\"event\":\"e\"}").getMessage()
                .contains("does not match the path /v1/track"));
    }

    @Test
    void timestampsInTheFormsSegmentsLibrariesSend() {
        Instant at = Instant.parse("2026-11-20T10:00:00Z");
        for (String text : List.of("2026-11-20T10:00:00Z", "2026-11-20T10:00:00.000Z", "2026-11-20T11:00:00+01:00",
                "2026-11-20T11:00:00.000+0100", "2026-11-20T11:00:00+01", "2026-11-20T10:00:00.000000Z")) {
            assertEquals(Optional.of(at), EventParser.timestamp(text), text);
        }
        assertEquals(Optional.empty(), EventParser.timestamp("2026-11-20"));
        assertEquals(Optional.empty(), EventParser.timestamp("2026-02-30T10:00:00Z"), "no 30th of February");
        assertEquals(Optional.empty(), EventParser.timestamp("2026-02-30T10:00:00+01:00"), "not with an offset either");
        assertEquals(Optional.of(Instant.parse("2026-11-20T10:00:00.120Z")), EventParser.timestamp("2026-11-20T10:00:00.12Z"));
        assertEquals(Optional.of(at), EventParser.timestamp("2026-11-20T10:00Z"), "seconds may be left out");
        assertEquals(Optional.of(Instant.parse("2026-11-20T10:00:00.123456789Z")), EventParser.timestamp("2026-11-20T10:00:00.123456789Z"));
        for (String bad : List.of("2026-11-20T10:00:0aZ", "2026-11-20T10:00:00.1234567891Z", "2026-11-20T24:00:00Z",
                "2026-13-01T10:00:00Z", "2026-11-20T10:00:00", "2026-11-20 10:00:00Z", "+2026-11-20T10:00:00Z", "2026-11-20T10:00:00ZZ")) {
            assertEquals(Optional.empty(), EventParser.timestamp(bad), bad);
        }
        int day = (int) java.time.LocalDate.of(2026, 11, 20).toEpochDay();
        assertEquals(Optional.of(day), EventParser.epochDay("2026-11-20T23:59:59.999Z"));
        assertEquals(Optional.of(day), EventParser.epochDay("2026-11-21T00:30:00+01:00"), "the UTC day");
    }

    @Test
    void settingsAreValidatedWithTheFieldNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestSettings.settings(Map.of(
                "accountPath", "groupId", "maxPendingRequests", 0)));
        assertEquals("the io.tenure.ingest configuration is not valid: accountPath 'groupId' is not a path such as "
                + "context.groupId or properties.account_id; maxPendingRequests 0 is outside 1..10000", e.getMessage());
    }
}
