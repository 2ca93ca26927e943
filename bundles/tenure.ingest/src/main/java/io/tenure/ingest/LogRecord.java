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
    /** Events with their texts in Java's modified UTF-8 (DataOutput.writeUTF): written by earlier versions, still read. */
    byte EVENTS = 1;
    byte REJECTION = 2;
    /** Events with their texts as UTF-8 after their byte length: what is written now. */
    byte EVENTS_UTF8 = 3;

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
                return encodeEvents(e);
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

    /** {@link #EVENTS_UTF8}: one pass into one array (Java's writeUTF goes character by character). */
    private static byte[] encodeEvents(Events e) {
        Writer out = new Writer(64 + e.events().size() * 320);
        out.put(EVENTS_UTF8);
        out.text(e.sourceId());
        out.putLong(e.receivedAt().toEpochMilli());
        out.putInt(e.events().size());
        for (Event event : e.events()) {
            out.put((byte) event.type().ordinal());
            out.text(event.messageId());
            EventMapper.Fields f = event.fields();
            out.text(f.userId());
            out.text(f.anonymousId());
            out.text(f.account());
            out.text(f.feature());
            out.text(f.previousId());
            out.putInt(f.epochDay());
            out.bytes(event.json());
        }
        return java.util.Arrays.copyOf(out.buffer, out.size);
    }

    /** A growing byte array written big-endian. */
    final class Writer {
        private static final java.lang.invoke.VarHandle INTS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class,
                java.nio.ByteOrder.BIG_ENDIAN);
        private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class,
                java.nio.ByteOrder.BIG_ENDIAN);
        byte[] buffer;
        int size;

        Writer(int capacity) {
            buffer = new byte[Math.max(16, capacity)];
        }

        private void room(int n) {
            if (size + n > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + n));
            }
        }

        void put(byte b) {
            room(1);
            buffer[size++] = b;
        }

        void putInt(int v) {
            room(4);
            INTS.set(buffer, size, v);
            size += 4;
        }

        void putLong(long v) {
            room(8);
            LONGS.set(buffer, size, v);
            size += 8;
        }

        void bytes(byte[] b) {
            putInt(b.length);
            room(b.length);
            System.arraycopy(b, 0, buffer, size, b.length);
            size += b.length;
        }

        void text(String s) {
            bytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Reads what {@link Writer} wrote. */
    final class Reader {
        private final byte[] b;
        private int at;

        Reader(byte[] b, int at) {
            this.b = b;
            this.at = at;
        }

        private void need(int n) throws IOException {
            if (n < 0 || at + n > b.length) {
                throw new IOException("log record truncated at byte " + at + " of " + b.length);
            }
        }

        byte get() throws IOException {
            need(1);
            return b[at++];
        }

        int getInt() throws IOException {
            need(4);
            int v = (int) Writer.INTS.get(b, at);
            at += 4;
            return v;
        }

        long getLong() throws IOException {
            need(8);
            long v = (long) Writer.LONGS.get(b, at);
            at += 8;
            return v;
        }

        byte[] bytes() throws IOException {
            int n = getInt();
            need(n);
            byte[] v = java.util.Arrays.copyOfRange(b, at, at + n);
            at += n;
            return v;
        }

        String text() throws IOException {
            int n = getInt();
            need(n);
            String v = new String(b, at, n, java.nio.charset.StandardCharsets.UTF_8);
            at += n;
            return v;
        }
    }

    static LogRecord decode(byte[] payload) throws IOException {
        if (payload.length > 0 && payload[0] == EVENTS_UTF8) {
            Reader in = new Reader(payload, 1);
            String source = in.text();
            Instant at = Instant.ofEpochMilli(in.getLong());
            int n = in.getInt();
            if (n < 0 || n > payload.length) {
                throw new IOException("log record with " + n + " events in " + payload.length + " bytes");
            }
            EventType[] types = EventType.values();
            List<Event> events = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int type = in.get();
                if (type < 0 || type >= types.length) {
                    throw new IOException("unknown event type " + type + " in a log record");
                }
                String messageId = in.text();
                EventMapper.Fields fields = new EventMapper.Fields(in.text(), in.text(), in.text(), in.text(), in.text(), in.getInt());
                events.add(new Event(types[type], messageId, fields, in.bytes()));
            }
            return new Events(source, at, events);
        }
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
