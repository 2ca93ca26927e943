package io.tenure.ingest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only log of records in segment files under one directory, made durable by group commit: callers append
 * and wait; one writer thread writes everything queued since its last round with a single write and one
 * {@code fsync}, then wakes them. A caller that returned from {@link #append} has its record on disk.
 *
 * <p>A record is framed as {@code [length:int][crc32c:int][payload]}; positions are byte offsets over the whole log,
 * so a segment file is named by the position of its first record. On open, a torn record at the end of the last
 * segment (a crash in the middle of a write) is cut off: it was never acknowledged.
 */
final class WriteAheadLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WriteAheadLog.class);
    static final int HEADER = 8;
    static final int MAX_RECORD = 64 << 20;
    private static final String SUFFIX = ".wal";

    private final Path dir;
    private final long segmentBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final Condition committed = lock.newCondition();
    private final TreeMap<Long, Path> segments = new TreeMap<>();

    /** Guarded by lock: frames queued for the writer, the next position, what is durable. */
    private List<ByteBuffer> queue = new ArrayList<>();
    private long next;
    private long durable;
    private IOException failure;
    private boolean closing;

    private FileChannel current;
    private long currentStart;
    private final Thread writer;

    WriteAheadLog(Path dir, long segmentBytes) throws IOException {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                String name = p.getFileName().toString();
                try {
                    segments.put(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())), p);
                } catch (NumberFormatException e) {
                    throw new IOException("the write-ahead log " + dir + " holds a file it did not write: " + name);
                }
            }
        }
        if (segments.isEmpty()) {
            openSegment(0);
        } else {
            currentStart = segments.lastKey();
            current = FileChannel.open(segments.lastEntry().getValue(), StandardOpenOption.READ, StandardOpenOption.WRITE);
            long valid = validLength(current);
            if (valid < current.size()) {
                LOG.warn("The write-ahead log {} ended in a torn record (a crash while writing); cut {} bytes that were "
                        + "never acknowledged", segments.lastEntry().getValue(), current.size() - valid);
                current.truncate(valid);
                current.force(true);
            }
            current.position(valid);
        }
        next = currentStart + current.position();
        durable = next;
        writer = new Thread(this::writeLoop, "tenure-ingest-wal");
        writer.setDaemon(true);
        writer.start();
    }

    /** The position after the last complete record of a segment. */
    private static long validLength(FileChannel channel) throws IOException {
        long size = channel.size();
        long at = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (at + HEADER <= size) {
            header.clear();
            channel.read(header, at);
            header.flip();
            int length = header.getInt();
            int crc = header.getInt();
            if (length < 0 || length > MAX_RECORD || at + HEADER + length > size) {
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            channel.read(payload, at + HEADER);
            if (crc(payload.array(), 0, length) != crc) {
                break;
            }
            at += HEADER + length;
        }
        return at;
    }

    static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    private void openSegment(long start) throws IOException {
        Path file = dir.resolve(String.format("%020d%s", start, SUFFIX));
        current = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        currentStart = start;
        segments.put(start, file);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true); // the new file's directory entry survives a crash too
        } catch (IOException e) {
            // some file systems cannot sync a directory; the file's own fsync still holds its records
        }
    }

    /**
     * Appends a record and returns once it is on disk.
     *
     * @return the position just after the record
     * @throws IOException when the log cannot write (the record may or may not be there; it was not acknowledged)
     * @throws InterruptedIOException when the wait timed out or the log is closing
     */
    long append(byte[] payload, long timeoutMillis) throws IOException {
        if (payload.length > MAX_RECORD) {
            throw new IOException("a record of " + payload.length + " bytes is larger than the log takes");
        }
        ByteBuffer frame = ByteBuffer.allocate(HEADER + payload.length).order(ByteOrder.BIG_ENDIAN);
        frame.putInt(payload.length).putInt(crc(payload, 0, payload.length)).put(payload).flip();
        long end;
        lock.lock();
        try {
            if (closing) {
                throw new InterruptedIOException("the write-ahead log is closing");
            }
            if (failure != null) {
                throw new IOException("the write-ahead log cannot write: " + failure.getMessage(), failure);
            }
            queue.add(frame);
            next += frame.remaining();
            end = next;
            queued.signal();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (durable < end) {
                if (failure != null) {
                    throw new IOException("the write-ahead log cannot write: " + failure.getMessage(), failure);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new InterruptedIOException("the write-ahead log did not commit within " + timeoutMillis + " ms");
                }
                committed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the write-ahead log");
        } finally {
            lock.unlock();
        }
        return end;
    }

    private void writeLoop() {
        while (true) {
            List<ByteBuffer> batch;
            lock.lock();
            try {
                while (queue.isEmpty() && !closing) {
                    queued.awaitUninterruptibly();
                }
                if (queue.isEmpty()) {
                    return;
                }
                batch = queue;
                queue = new ArrayList<>();
            } finally {
                lock.unlock();
            }
            long written = 0;
            try {
                for (ByteBuffer frame : batch) {
                    if (current.position() > 0 && current.position() + frame.remaining() > segmentBytes) {
                        current.force(false);
                        long start = currentStart + current.position();
                        current.close();
                        openSegment(start);
                    }
                    written += frame.remaining();
                    while (frame.hasRemaining()) {
                        current.write(frame);
                    }
                }
                current.force(false);
                lock.lock();
                try {
                    durable += written;
                    committed.signalAll();
                } finally {
                    lock.unlock();
                }
            } catch (IOException e) {
                LOG.error("The write-ahead log {} cannot write: {}", dir, e.getMessage());
                lock.lock();
                try {
                    failure = e;
                    committed.signalAll();
                } finally {
                    lock.unlock();
                }
                return;
            }
        }
    }

    /** Everything up to here is on disk. */
    long durablePosition() {
        lock.lock();
        try {
            return durable;
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code millis} for the durable position to pass {@code position}. */
    void awaitBeyond(long position, long millis) throws InterruptedException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (durable <= position && !closing) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                committed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    Optional<IOException> failure() {
        lock.lock();
        try {
            return Optional.ofNullable(failure);
        } finally {
            lock.unlock();
        }
    }

    /** The position of the first record still kept. */
    long start() {
        lock.lock();
        try {
            return segments.firstKey();
        } finally {
            lock.unlock();
        }
    }

    /** Deletes the segments that end at or before {@code position} (applied and safe), never the one being written. */
    int deleteBefore(long position) {
        List<Path> doomed = new ArrayList<>();
        lock.lock();
        try {
            while (segments.size() > 1) {
                Long first = segments.firstKey();
                Long second = segments.higherKey(first);
                if (second > position) {
                    break;
                }
                doomed.add(segments.remove(first));
            }
        } finally {
            lock.unlock();
        }
        for (Path p : doomed) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("Could not delete the applied log segment {}: {}", p, e.getMessage());
            }
        }
        return doomed.size();
    }

    /** A reader from {@code position}, reading only what is durable. */
    Reader reader(long position) throws IOException {
        return new Reader(position);
    }

    /** One record read back. */
    record Entry(long end, byte[] payload) {
    }

    /** Reads records in order from a position; a record is returned only once it is durable. */
    final class Reader implements AutoCloseable {
        private long position;
        private FileChannel channel;
        private long channelStart;
        private final ByteBuffer header = ByteBuffer.allocate(HEADER);

        Reader(long position) throws IOException {
            lock.lock();
            try {
                if (position < segments.firstKey()) {
                    throw new IOException("the write-ahead log starts at " + segments.firstKey() + ", after position " + position);
                }
            } finally {
                lock.unlock();
            }
            this.position = position;
        }

        long position() {
            return position;
        }

        /** The next durable record, or empty when there is none yet. */
        Optional<Entry> next() throws IOException {
            long limit = durablePosition();
            if (position >= limit) {
                return Optional.empty();
            }
            ensureChannel();
            long offset = position - channelStart;
            if (offset >= channel.size()) {
                closeChannel(); // the segment is complete: the next one starts here
                ensureChannel();
                offset = position - channelStart;
            }
            header.clear();
            readFully(header, offset);
            header.flip();
            int length = header.getInt();
            int crc = header.getInt();
            if (length < 0 || length > MAX_RECORD) {
                throw new IOException("the write-ahead log is damaged at position " + position + ": record length " + length);
            }
            byte[] payload = new byte[length];
            readFully(ByteBuffer.wrap(payload), offset + HEADER);
            if (crc(payload, 0, length) != crc) {
                throw new IOException("the write-ahead log is damaged at position " + position + ": checksum mismatch");
            }
            position += HEADER + length;
            return Optional.of(new Entry(position, payload));
        }

        private void readFully(ByteBuffer buffer, long at) throws IOException {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, at + buffer.position());
                if (n < 0) {
                    throw new IOException("the write-ahead log ends early at position " + (channelStart + at));
                }
            }
        }

        private void ensureChannel() throws IOException {
            if (channel != null) {
                return;
            }
            Path file;
            lock.lock();
            try {
                var entry = segments.floorEntry(position);
                if (entry == null) {
                    throw new IOException("no log segment holds position " + position);
                }
                channelStart = entry.getKey();
                file = entry.getValue();
            } finally {
                lock.unlock();
            }
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }

        private void closeChannel() throws IOException {
            if (channel != null) {
                channel.close();
                channel = null;
            }
        }

        @Override
        public void close() throws IOException {
            closeChannel();
        }
    }

    /** Writes what is queued, syncs, and stops the writer; appends after this fail. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            closing = true;
            queued.signalAll();
            committed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        current.force(true);
        current.close();
    }
}
