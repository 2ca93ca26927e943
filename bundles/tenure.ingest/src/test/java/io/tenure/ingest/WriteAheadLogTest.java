package io.tenure.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadLogTest {
    @TempDir
    Path dir;

    private static List<String> readAll(WriteAheadLog log, long from) throws IOException {
        List<String> out = new ArrayList<>();
        try (WriteAheadLog.Reader reader = log.reader(from)) {
            Optional<WriteAheadLog.Entry> e;
            while ((e = reader.next()).isPresent()) {
                out.add(new String(e.get().payload(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".wal")).sorted().toList();
        }
    }

    @Test
    void concurrentAppendsAreAllDurableAndReadBackAcrossSegmentsAndRestarts() throws Exception {
        int threads = 8;
        int each = 200;
        List<Long> ends = new ArrayList<>();
        try (WriteAheadLog log = new WriteAheadLog(dir, 4096)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Long>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    long end = 0;
                    for (int i = 0; i < each; i++) {
                        end = log.append(("t" + thread + "-" + i).getBytes(StandardCharsets.UTF_8), 10_000);
                        assertTrue(log.durablePosition() >= end, "answered only once on disk");
                    }
                    return end;
                }));
            }
            for (Future<Long> f : done) {
                ends.add(f.get());
            }
            pool.shutdown();
            assertEquals(threads * each, readAll(log, 0).size());
        }
        assertTrue(segments(dir).size() > 5, "rolled over into several segments: " + segments(dir));
        try (WriteAheadLog log = new WriteAheadLog(dir, 4096)) {
            List<String> all = readAll(log, 0);
            assertEquals(threads * each, all.size());
            for (int t = 0; t < threads; t++) {
                int thread = t;
                List<String> mine = all.stream().filter(s -> s.startsWith("t" + thread + "-")).toList();
                for (int i = 0; i < each; i++) {
                    assertEquals("t" + thread + "-" + i, mine.get(i), "each writer's records in its order");
                }
            }
            long last = ends.stream().mapToLong(Long::longValue).max().orElseThrow();
            assertEquals(last, log.durablePosition());
            int before = segments(dir).size();
            assertTrue(log.deleteBefore(last / 2) > 0);
            assertTrue(segments(dir).size() < before);
            long start = log.start();
            assertTrue(start <= last / 2 && start > 0);
            IOException gone = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> log.reader(0));
            assertEquals("the write-ahead log starts at " + start + ", after position 0", gone.getMessage());
            assertTrue(readAll(log, start).size() < threads * each);
        }
    }

    @Test
    void aTornRecordAtTheEndIsCutOffOnOpenAndTheLogGoesOn() throws Exception {
        long second;
        try (WriteAheadLog log = new WriteAheadLog(dir, 1 << 20)) {
            log.append("first".getBytes(StandardCharsets.UTF_8), 1000);
            second = log.append("second".getBytes(StandardCharsets.UTF_8), 1000);
        }
        Path segment = segments(dir).get(0);
        try (FileChannel c = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            // a crash in the middle of a write: a header promising 100 bytes, and only some of them
            c.write(ByteBuffer.allocate(8).putInt(100).putInt(12345).flip());
            c.write(ByteBuffer.wrap("partial".getBytes(StandardCharsets.UTF_8)));
        }
        try (WriteAheadLog log = new WriteAheadLog(dir, 1 << 20)) {
            assertEquals(second, log.durablePosition());
            assertEquals(second, Files.size(segment));
            log.append("third".getBytes(StandardCharsets.UTF_8), 1000);
            assertEquals(List.of("first", "second", "third"), readAll(log, 0));
            assertEquals(List.of("second", "third"), readAll(log, second - 8 - "second".length()));
        }
    }
}
