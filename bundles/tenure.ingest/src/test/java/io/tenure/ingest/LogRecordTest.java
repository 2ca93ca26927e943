package io.tenure.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class LogRecordTest {
    private static final Instant AT = Instant.parse("2026-11-20T10:00:00.123Z");
    private static final EventMapper.Fields FIELDS = new EventMapper.Fields("user-é", "", "acme", "Report ✓", "", 20_412);
    private static final byte[] JSON = "{\"type\":\"track\",\"event\":\"Report ✓\"}".getBytes(StandardCharsets.UTF_8);

    private static void assertSame(LogRecord.Events expected, LogRecord actual) {
        LogRecord.Events e = (LogRecord.Events) actual;
        assertEquals(expected.sourceId(), e.sourceId());
        assertEquals(expected.receivedAt(), e.receivedAt());
        assertEquals(expected.events().size(), e.events().size());
        for (int i = 0; i < e.events().size(); i++) {
            assertEquals(expected.events().get(i).type(), e.events().get(i).type());
            assertEquals(expected.events().get(i).messageId(), e.events().get(i).messageId());
            assertEquals(expected.events().get(i).fields(), e.events().get(i).fields());
            assertArrayEquals(expected.events().get(i).json(), e.events().get(i).json());
        }
    }

    @Test
    void eventsRoundTripWithTextsOutsideAscii() throws IOException {
        LogRecord.Events record = new LogRecord.Events("web", AT, List.of(new LogRecord.Event(EventType.TRACK, "m-1", FIELDS, JSON),
                new LogRecord.Event(EventType.GROUP, "m-2", new EventMapper.Fields("u", "anon", "", "", "", 0), new byte[0])));
        assertSame(record, LogRecord.decode(record.encode()));
        assertEquals(LogRecord.EVENTS_UTF8, record.encode()[0]);
    }

    @Test
    void aRecordWrittenByAnEarlierVersionIsStillRead() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) { // the layout of LogRecord.EVENTS
            out.writeByte(LogRecord.EVENTS);
            out.writeUTF("web");
            out.writeLong(AT.toEpochMilli());
            out.writeInt(1);
            out.writeByte(EventType.TRACK.ordinal());
            out.writeUTF("m-1");
            out.writeUTF(FIELDS.userId());
            out.writeUTF(FIELDS.anonymousId());
            out.writeUTF(FIELDS.account());
            out.writeUTF(FIELDS.feature());
            out.writeUTF(FIELDS.previousId());
            out.writeInt(FIELDS.epochDay());
            out.writeInt(JSON.length);
            out.write(JSON);
        }
        assertSame(new LogRecord.Events("web", AT, List.of(new LogRecord.Event(EventType.TRACK, "m-1", FIELDS, JSON))),
                LogRecord.decode(bytes.toByteArray()));
    }

    @Test
    void aTruncatedRecordIsAnErrorNotGarbage() {
        byte[] whole = new LogRecord.Events("web", AT, List.of(new LogRecord.Event(EventType.TRACK, "m-1", FIELDS, JSON))).encode();
        for (int cut : new int[] { 1, 5, whole.length / 2, whole.length - 1 }) {
            IOException e = assertThrows(IOException.class, () -> LogRecord.decode(Arrays.copyOf(whole, cut)));
            assertEquals(true, e.getMessage().contains("truncated"), e.getMessage());
        }
    }
}
