package io.tenure.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The console's background jobs: progress, one of a kind at a time, failures with their message, the last 20. */
class JobRunnerTest {
    private final JobRunner runner = new JobRunner(Clock.fixed(Instant.parse("2026-01-31T10:00:00Z"), ZoneOffset.UTC),
            Executors.newCachedThreadPool());

    @AfterEach
    void close() {
        runner.close();
    }

    @Test
    void reportsProgressAndEndsDoneWithItsMessage() throws Exception {
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        JobRunner.Job job = runner.start("import", "import of accounts from a.csv", "admin", progress -> {
            progress.report("2 of 4 rows read", 0.5);
            reported.countDown();
            go.await(5, TimeUnit.SECONDS);
            return "Imported 4 rows.";
        });
        assertEquals(JobRunner.Status.RUNNING, job.status());
        assertTrue(reported.await(5, TimeUnit.SECONDS));
        JobRunner.Job running = runner.job(job.id()).orElseThrow();
        assertEquals("2 of 4 rows read", running.progress());
        assertEquals(0.5, running.fraction());
        assertEquals("running", runner.json(running).get("status"));
        go.countDown();
        await(() -> runner.job(job.id()).orElseThrow().status() == JobRunner.Status.DONE);
        JobRunner.Job done = runner.job(job.id()).orElseThrow();
        assertEquals("Imported 4 rows.", done.message());
        assertEquals(1.0, done.fraction());
        assertTrue(done.finished().isPresent());
    }

    @Test
    void runsOneJobOfAKindAtATime() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        JobRunner.Job first = runner.start("import", "first import", "ana", p -> {
            go.await(5, TimeUnit.SECONDS);
            return "ok";
        });
        JobRunner.Busy busy = assertThrows(JobRunner.Busy.class, () -> runner.start("import", "second", "ben", p -> "x"));
        assertTrue(busy.getMessage().contains("Job " + first.id()) && busy.getMessage().contains("ana"), busy.getMessage());
        JobRunner.Job other = runner.start("recompute", "health recompute", "ben", p -> "scored");
        await(() -> runner.job(other.id()).orElseThrow().status() == JobRunner.Status.DONE);
        go.countDown();
        await(() -> runner.job(first.id()).orElseThrow().status() == JobRunner.Status.DONE);
        runner.start("import", "third", "ana", p -> "ok");
    }

    @Test
    void aFailureKeepsItsMessageAndDetails() throws Exception {
        JobRunner.Job failed = runner.start("import", "bad import", "admin", p -> {
            throw new JobRunner.Failure("a.csv: 1 bad row; nothing was stored.", List.of("a.csv line 2, column x: bad"));
        });
        JobRunner.Job crashed = runner.start("recompute", "recompute", "admin", p -> {
            throw new IllegalStateException("no database");
        });
        await(() -> runner.job(failed.id()).orElseThrow().status() == JobRunner.Status.FAILED
                && runner.job(crashed.id()).orElseThrow().status() == JobRunner.Status.FAILED);
        JobRunner.Job f = runner.job(failed.id()).orElseThrow();
        assertEquals("a.csv: 1 bad row; nothing was stored.", f.message());
        assertEquals(List.of("a.csv line 2, column x: bad"), f.details());
        assertEquals("failed", runner.json(f).get("status"));
        assertTrue(runner.job(crashed.id()).orElseThrow().message().contains("no database"));
    }

    @Test
    void keepsTheLastTwentyNewestFirst() throws Exception {
        for (int i = 0; i < 25; i++) {
            JobRunner.Job job = runner.start("k", "job " + i, "admin", p -> "ok");
            await(() -> runner.job(job.id()).orElseThrow().status() == JobRunner.Status.DONE);
        }
        List<JobRunner.Job> kept = runner.jobs();
        assertEquals(JobRunner.KEPT, kept.size());
        assertEquals("job 24", kept.get(0).what());
        assertEquals("3 min 5 s", JobRunner.elapsed(Duration.ofSeconds(185)));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(10);
        }
    }
}
