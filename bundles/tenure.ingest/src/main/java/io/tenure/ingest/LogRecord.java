package io.tenure.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the write-ahead log holds: the accepted events of one request, or one rejected request (so that counts of
 * rejections reach the store through the same path and survive a crash).
 */
sealed interface LogRecord {
    byte EVENTS = 1;
    byte REJECTION = 2;

    /**
     * One accepted event: its call, message id, what the drain needs of it (read once, when it was received) and the
     * JSON as received (without the write key), kept for contacts and for events that must be held.
     */
    record Event(EventType type, String messageId, EventMapper.Fields fields, byte[] json) {
    }

    /** The events of one accepted request. */
    record Events(String sourceId, Instant receivedAt, List<Event> events) implements LogRecord {
    }

    /** A request refused with a 4xx: how many events it carried and why. */
    record Rejection(String sourceId, Instant at, long events, String reason) implements LogRecord {
    }

    default byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (this instanceof Events e) {
                out.writeByte(EVENTS);
                out.writeUTF(e.sourceId());
                out.writeLong(e.receivedAt().toEpochMilli());
                out.writeInt(e.events().size());
                for (Event event : e.events()) {
                    out.writeByte(event.type().ordinal());
                    out.writeUTF(event.messageId());
                    EventMapper.Fields f = event.fields();
                    out.writeUTF(f.userId());
                    out.writeUTF(f.anonymousId());
                    out.writeUTF(f.account());
                    out.writeUTF(f.feature());
                    out.writeUTF(f.previousId());
                    out.writeInt(f.epochDay());
                    out.writeInt(event.json().length);
                    out.write(event.json());
                }
            } else if (this instanceof Rejection r) {
                out.writeByte(REJECTION);
                out.writeUTF(r.sourceId());
                out.writeLong(r.at().toEpochMilli());
                out.writeLong(r.events());
                out.writeUTF(r.reason().length() > 1000 ? r.reason().substring(0, 997) + "..." : r.reason());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static LogRecord decode(byte[] payload) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            byte kind = in.readByte();
            if (kind == EVENTS) {
                String source = in.readUTF();
                Instant at = Instant.ofEpochMilli(in.readLong());
                int n = in.readInt();
                List<Event> events = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    EventType type = EventType.values()[in.readByte()];
                    String messageId = in.readUTF();
                    EventMapper.Fields fields = new EventMapper.Fields(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(),
                            in.readUTF(), in.readInt());
                    byte[] json = new byte[in.readInt()];
                    in.readFully(json);
                    events.add(new Event(type, messageId, fields, json));
                }
                return new Events(source, at, events);
            }
            if (kind == REJECTION) {
                return new Rejection(in.readUTF(), Instant.ofEpochMilli(in.readLong()), in.readLong(), in.readUTF());
            }
            throw new IOException("unknown log record kind " + kind);
        }
    }
}
