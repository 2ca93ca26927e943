package io.tenure.metrics;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.tenure.api.metrics.Metric;
import io.tenure.api.metrics.MetricException;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.metrics.MetricResult;
import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiRequest;
import io.tenure.api.rest.ApiResource;
import io.tenure.api.rest.ApiResponse;
import io.tenure.api.security.Role;

/**
 * {@code /api/v1/metrics}: every registered {@link Metric} (Tenure's and partners'), listed with its definition and
 * parameters, and computed at {@code /api/v1/metrics/<name>?...[&asOf=YYYY-MM-DD]}. {@code /api/v1/calculators/cltv}
 * is the CLTV calculator; {@code /api/v1/csms/{id}/compensation?from=..&to=..} is one CSM's payout. Viewer role.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = ApiResource.class, property = { ApiResource.PATH + "=metrics", ApiResource.PATH + "=calculators",
        ApiResource.PATH + "=csms/*/compensation" })
public class MetricsResource implements ApiResource {
    /** How long a metric may take before its caller is answered 503; partners' metrics included. */
    static final java.time.Duration TIME_LIMIT = java.time.Duration.ofSeconds(30);
    /**
     * Calls of one metric that may be running at once; a further call waits for one of them (at most
     * {@link #QUEUE_WAIT}, or the time limit if shorter) and is then refused, rather than queued behind hung ones.
     */
    static final int MAX_IN_FLIGHT = 4;
    static final java.time.Duration QUEUE_WAIT = java.time.Duration.ofSeconds(5);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MetricsResource.class);

    private final Map<String, Metric> metrics = new ConcurrentSkipListMap<>();
    private final Map<String, java.util.concurrent.Semaphore> inFlight = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tenure-metric");
        t.setDaemon(true);
        return t;
    });
    private final Clock clock;
    private final java.time.Duration limit;

    public MetricsResource() {
        this(Clock.systemUTC(), TIME_LIMIT);
    }

    MetricsResource(Clock clock, java.time.Duration limit) {
        this.clock = clock;
        this.limit = limit;
    }

    @org.osgi.service.component.annotations.Deactivate
    void deactivate() {
        pool.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile io.tenure.api.module.ExtensionFaults faults;

    private io.tenure.api.module.ExtensionFaults faults() {
        io.tenure.api.module.ExtensionFaults f = faults;
        return f == null ? io.tenure.api.module.ExtensionFaults.NONE : f;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addMetric(Metric metric) {
        metrics.put(metric.name(), metric);
    }

    void removeMetric(Metric metric) {
        metrics.remove(metric.name(), metric);
    }

    @Override
    public ApiResponse handle(ApiRequest request) throws ApiException {
        request.require(Role.VIEWER);
        if (!request.method().equals("GET")) {
            throw ApiException.methodNotAllowed(request.method());
        }
        if (request.resource().equals("calculators")) {
            if (request.path().equals(List.of("cltv"))) {
                return ApiResponse.ok(cltv(request.query()));
            }
            throw ApiException.notFound("calculators: cltv");
        }
        if (request.resource().equals("csms/*/compensation")) {
            Map<String, String> params = new LinkedHashMap<>(request.query());
            params.put("csm", request.path().get(0));
            return compute("compensation", params, request);
        }
        if (request.path().isEmpty()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Metric m : metrics.values()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("name", m.name());
                item.put("title", m.title());
                item.put("definition", m.definition());
                item.put("parameters", m.parameters());
                list.add(item);
            }
            return ApiResponse.ok(list);
        }
        return compute(request.path().get(0), request.query(), request);
    }

    private ApiResponse compute(String name, Map<String, String> params, ApiRequest request) throws ApiException {
        Metric metric = Optional.ofNullable(metrics.get(name)).orElseThrow(() -> ApiException.notFound(
                "no metric '" + name + "'; metrics are " + String.join(", ", metrics.keySet())));
        LocalDate asOf = request.date("asOf").orElse(LocalDate.now(clock));
        try {
            return ApiResponse.ok(isolated(metric, new MetricRequest(params, asOf)).body());
        } catch (MetricException e) {
            throw e.badParameter() ? ApiException.badRequest(e.getMessage())
                    : new ApiException(422, "unanswerable", e.getMessage(), List.of());
        }
    }

    /**
     * Computes on a worker thread within the time limit: a metric that hangs is interrupted and its caller answered
     * 503, one that throws is logged and answered 500 naming it; neither affects other metrics or requests.
     */
    private MetricResult isolated(Metric metric, MetricRequest request) throws MetricException, ApiException {
        java.util.concurrent.Semaphore running = inFlight.computeIfAbsent(metric.name(),
                k -> new java.util.concurrent.Semaphore(MAX_IN_FLIGHT));
        try {
            if (!running.tryAcquire(Math.min(QUEUE_WAIT.toMillis(), limit.toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new ApiException(503, "metric_busy", "metric " + metric.name() + " is still busy with earlier calls; "
                        + "try again later", List.of());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "metric_interrupted", "interrupted while waiting for " + metric.name(), List.of());
        }
        java.util.concurrent.Future<MetricResult> call;
        try {
            call = pool.submit(() -> {
                try {
                    return metric.compute(request);
                } finally {
                    running.release();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            running.release();
            throw new ApiException(503, "metric_unavailable", "metrics are stopping", List.of());
        }
        try {
            return call.get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            call.cancel(true);
            LOG.warn("Metric {} did not answer within {} ms and was interrupted", metric.name(), limit.toMillis());
            faults().timedOut(metric, metric.name(), "metric", limit);
            throw new ApiException(503, "metric_timeout", "metric " + metric.name() + " did not answer within "
                    + (limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms"), List.of());
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof MetricException m) {
                throw m;
            }
            LOG.error("Metric {} failed", metric.name(), e.getCause());
            faults().failed(metric, metric.name(), "metric", e.getCause());
            throw new ApiException(500, "metric_failed", "metric " + metric.name() + " failed: " + e.getCause(), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "metric_interrupted", "interrupted while computing " + metric.name(), List.of());
        }
    }

    private static Map<String, Object> cltv(Map<String, String> q) throws ApiException {
        CltvCalculator.Inputs inputs;
        try {
            inputs = new CltvCalculator.Inputs(decimal(q, "annualRevenue", true).orElseThrow(),
                    CltvCalculator.rate(required(q, "churnRate")), CltvCalculator.rate(required(q, "grossMargin")),
                    decimal(q, "lifespanYears", false), Optional.ofNullable(q.get("discountRate")).map(CltvCalculator::rate),
                    decimal(q, "cac", false), decimal(q, "retentionCost", false));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        CltvCalculator.Cltv c;
        try {
            c = CltvCalculator.compute(inputs);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("annualRevenue", inputs.annualRevenue().setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString());
        body.put("churnRate", inputs.churnRate());
        body.put("grossMargin", inputs.grossMargin());
        body.put("lifespanYears", c.lifespanYears());
        Map<String, Object> cltv = new LinkedHashMap<>();
        cltv.put("simple", c.simple().toPlainString());
        cltv.put("churnBased", c.churnBased().toPlainString());
        cltv.put("discounted", c.discounted().map(BigDecimal::toPlainString).orElse(null));
        body.put("cltv", cltv);
        body.put("ltvToCac", c.ltvToCac().orElse(null));
        body.put("crcToCac", c.crcToCac().orElse(null));
        body.put("definition", "simple = annualRevenue x lifespanYears x grossMargin (lifespanYears = 1 / churnRate unless "
                + "given); churnBased = annualRevenue x grossMargin / churnRate; discounted = sum over years t >= 1 of "
                + "annualRevenue x grossMargin x (1 - churnRate)^(t-1) / (1 + discountRate)^t = annualRevenue x grossMargin "
                + "/ (churnRate + discountRate); ltvToCac = (discounted, else churnBased) / cac (3 or better is healthy, below "
                + "1 destroys value); crcToCac = retentionCost / cac. Rates as fractions (0.1) or percentages (10%).");
        body.put("inputs", q);
        return body;
    }

    private static String required(Map<String, String> q, String name) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return v;
    }

    private static Optional<BigDecimal> decimal(Map<String, String> q, String name, boolean required) {
        String v = required ? required(q, name) : q.get(name);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(v.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + v + "' is not a decimal number");
        }
    }
}
