package io.tenure.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import io.tenure.api.metrics.Metric;
import io.tenure.api.metrics.MetricParameter;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.metrics.MetricResult;
import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiRequest;
import io.tenure.api.security.AuthenticatedUser;
import io.tenure.api.security.Role;

/** A metric that hangs or throws is cut off and named; the other metrics keep answering. */
class MetricsResourceTest {

    record Get(List<String> path) implements ApiRequest {
        public String method() {
            return "GET";
        }

        public String resource() {
            return "metrics";
        }

        public Map<String, String> query() {
            return Map.of();
        }

        public Optional<String> header(String name) {
            return Optional.empty();
        }

        public AuthenticatedUser user() {
            return new AuthenticatedUser("vera", Role.VIEWER, "password");
        }

        public void require(Role role) throws ApiException {
            if (!user().may(role)) {
                throw ApiException.forbidden(role.code());
            }
        }

        public <T> T body(Class<T> type) {
            return null;
        }

        public InputStream bodyStream() {
            return InputStream.nullInputStream();
        }
    }

    /** A partner's metric doing what it is told. */
    record Behaving(String name, Runnable body) implements Metric {
        public String title() {
            return name;
        }

        public String definition() {
            return name;
        }

        public List<MetricParameter> parameters() {
            return List.of();
        }

        public MetricResult compute(MetricRequest request) {
            body.run();
            return new MetricResult(name, Map.of("ok", true), name, Map.of());
        }
    }

    @Test
    void moreCallsOfAMetricThanMayRunAtOnceWaitForATurnInsteadOfFailing() throws Exception {
        MetricsResource resource = new MetricsResource(Clock.systemUTC(), Duration.ofSeconds(30));
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        resource.addMetric(new Behaving("slow", () -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
        }));
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(3 * MetricsResource.MAX_IN_FLIGHT);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 3 * MetricsResource.MAX_IN_FLIGHT; i++) {
                answers.add(callers.submit(() -> resource.handle(new Get(List.of("slow"))).status()));
            }
            for (var answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            callers.shutdownNow();
            resource.deactivate();
        }
        assertEquals(MetricsResource.MAX_IN_FLIGHT, most.get(), "never more at once than the limit");
    }

    @Test
    void aHangingOrFailingMetricIsCutOffWithoutHarmingTheOthers() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        MetricsResource resource = new MetricsResource(Clock.systemUTC(), Duration.ofMillis(300));
        resource.addMetric(new Behaving("hangs", () -> {
            while (true) {
                try {
                    never.await(); // ignores interrupts: a badly written partner metric
                } catch (InterruptedException e) {
                    // carries on hanging
                }
            }
        }));
        resource.addMetric(new Behaving("throws", () -> {
            throw new IllegalStateException("partner bug");
        }));
        resource.addMetric(new Behaving("fine", () -> { }));

        ApiException timeout = assertThrows(ApiException.class, () -> resource.handle(new Get(List.of("hangs"))));
        assertEquals(503, timeout.status());
        assertEquals("metric hangs did not answer within 300 ms", timeout.getMessage());
        for (int i = 1; i < MetricsResource.MAX_IN_FLIGHT; i++) {
            assertEquals("metric_timeout", assertThrows(ApiException.class, () -> resource.handle(new Get(List.of("hangs")))).code());
        }
        long t0 = System.nanoTime();
        ApiException busy = assertThrows(ApiException.class, () -> resource.handle(new Get(List.of("hangs"))));
        assertEquals("metric_busy", busy.code(), "every slot held by a hung call: the next waits a while, then is refused "
                + "instead of piling up");
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "it waited the time limit at most, not for ever");

        ApiException failed = assertThrows(ApiException.class, () -> resource.handle(new Get(List.of("throws"))));
        assertEquals(500, failed.status());
        assertTrue(failed.getMessage().contains("metric throws failed") && failed.getMessage().contains("partner bug"),
                failed.getMessage());
        assertEquals(200, resource.handle(new Get(List.of("fine"))).status(), "the others keep answering");
        resource.deactivate();
    }
}
