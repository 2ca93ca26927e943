package io.tenure.forecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.metrics.ReportingPeriod;
import io.tenure.api.data.Codes;
import io.tenure.api.data.Query;
import io.tenure.api.forecast.BucketTotal;
import io.tenure.api.forecast.Forecast;
import io.tenure.api.forecast.ForecastBucket;
import io.tenure.api.forecast.ForecastOverride;
import io.tenure.api.forecast.ForecastTotals;
import io.tenure.api.forecast.Renewal;
import io.tenure.api.money.Money;
import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiRequest;
import io.tenure.api.rest.ApiResource;
import io.tenure.api.rest.ApiResponse;
import io.tenure.api.security.Role;

/**
 * {@code /api/v1/forecast?period=2026-Q1} (or {@code from=..&to=..}, with {@code asOf}): every renewal of the period in
 * its bucket, the weighted forecast, committed and at-risk ARR apart, totals per bucket. {@code /calibration}: closed
 * periods' forecast against what was kept, with suggested probabilities. {@code /overrides}: list (viewer), set
 * (csm, POST) and remove (csm, DELETE {@code /overrides/{account}/{subscription}/{renewal_date}}) a person's call.
 */
@Component(service = ApiResource.class, property = ApiResource.PATH + "=forecast",
        configurationPolicy = ConfigurationPolicy.IGNORE)
public class ForecastResource implements ApiResource {
    private static final int MAX_PERIODS = 40;

    @Reference
    private RenewalForecaster forecaster;

    public ForecastResource() {
    }

    ForecastResource(RenewalForecaster forecaster) {
        this.forecaster = forecaster;
    }

    /** The body of {@code POST /api/v1/forecast/overrides}. */
    public static final class OverrideBody {
        public String account_id;
        public String subscription_id;
        public String renewal_date;
        public String bucket;
        public String reason;
    }

    @Override
    public ApiResponse handle(ApiRequest request) throws ApiException {
        request.require(Role.VIEWER);
        List<String> path = request.path();
        String method = request.method();
        if (path.isEmpty() && method.equals("GET")) {
            return ApiResponse.ok(forecast(request));
        }
        if (path.equals(List.of("calibration")) && method.equals("GET")) {
            return ApiResponse.ok(calibration(request.query()));
        }
        if (!path.isEmpty() && path.get(0).equals("overrides")) {
            return overrides(request);
        }
        if (path.isEmpty() || path.equals(List.of("calibration"))) {
            throw ApiException.methodNotAllowed(method);
        }
        throw ApiException.notFound("forecast: GET ?period=2026-Q1 (or from=..&to=..), GET /calibration, GET/POST /overrides, "
                + "DELETE /overrides/{account}/{subscription}/{renewal_date}");
    }

    private ApiResponse overrides(ApiRequest request) throws ApiException {
        List<String> path = request.path();
        switch (request.method()) {
            case "GET" -> {
                if (path.size() != 1) {
                    break;
                }
                Query query = Query.all();
                String account = request.query().get("account_id");
                if (account != null) {
                    query = query.where("account_id", account);
                }
                List<Map<String, Object>> items = new ArrayList<>();
                forecaster.store().repository(ForecastOverride.TYPE).forEach(query, o -> items.add(json(o)));
                return ApiResponse.ok(Map.of("items", items, "total", items.size()));
            }
            case "POST" -> {
                if (path.size() != 1) {
                    break;
                }
                request.require(Role.CSM);
                ForecastOverride saved = Overrides.set(forecaster, request.body(OverrideBody.class), request.user().name());
                return ApiResponse.created(json(saved), "/api/v1/forecast/overrides/" + saved.accountId() + "/"
                        + saved.subscriptionId() + "/" + saved.renewalDate());
            }
            case "DELETE" -> {
                if (path.size() != 4) {
                    break;
                }
                request.require(Role.CSM);
                LocalDate date = param(() -> ReportingPeriod.date("renewal_date", path.get(3)));
                if (!forecaster.store().repository(ForecastOverride.TYPE).delete(List.of(path.get(1), path.get(2), date))) {
                    throw ApiException.notFound("no override of the renewal of subscription '" + path.get(2) + "' of '"
                            + path.get(1) + "' on " + date);
                }
                return ApiResponse.noContent();
            }
            default -> throw ApiException.methodNotAllowed(request.method());
        }
        throw ApiException.notFound("forecast overrides: GET /overrides[?account_id=..], POST /overrides, "
                + "DELETE /overrides/{account}/{subscription}/{renewal_date}");
    }

    Map<String, Object> forecast(ApiRequest request) throws ApiException {
        ReportingPeriod period = period(request);
        LocalDate asOf = request.date("asOf").orElse(forecaster.today());
        Forecast f = forecaster.forecast(period.from(), period.to(), asOf);
        Map<String, Object> probabilities = new LinkedHashMap<>();
        f.probabilities().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> probabilities.put(Codes.code(e.getKey()), e.getValue()));
        Map<String, Object> v = obj("period", period.label(), "from", f.from().toString(), "to", f.to().toString(),
                "asOf", f.asOf().toString(), "probabilities", probabilities);
        if (f.totals().isEmpty()) {
            v.putAll(obj("currency", null, "renewals", List.of(), "note", "no renewal falls in " + period.label()));
        } else {
            v.putAll(totals(f.totals().get(0)));
            v.put("otherCurrencies", f.totals().subList(1, f.totals().size()).stream().map(ForecastResource::totals).toList());
            v.put("renewals", f.renewals().stream().map(ForecastResource::json).toList());
        }
        v.put("definition", f.definition());
        return v;
    }

    private static ReportingPeriod period(ApiRequest request) throws ApiException {
        String period = request.query().get("period");
        Optional<LocalDate> from = request.date("from");
        Optional<LocalDate> to = request.date("to");
        if (period != null && (from.isPresent() || to.isPresent())) {
            throw ApiException.badRequest("give either period or from and to, not both", "period");
        }
        if (period != null) {
            return param(() -> ReportingPeriod.parse(period));
        }
        if (from.isEmpty() || to.isEmpty()) {
            throw ApiException.badRequest("give period (2026-Q1, 2026-03 or 2026) or both from and to (YYYY-MM-DD)",
                    from.isPresent() ? "to" : to.isPresent() ? "from" : "period");
        }
        return param(() -> ReportingPeriod.between(from.get(), to.get()));
    }

    /** One currency's totals: per bucket, the weighted forecast, committed and at-risk ARR. */
    static Map<String, Object> totals(ForecastTotals t) {
        Map<String, Object> buckets = new LinkedHashMap<>();
        for (BucketTotal b : t.buckets()) {
            buckets.put(Codes.code(b.bucket()), obj("renewals", b.renewals(), "arr", b.arr().toDecimalString(),
                    "probability", b.probability(), "weighted", b.weighted().toDecimalString()));
        }
        return obj("currency", t.currency(), "buckets", buckets, "renewingArr", t.renewing().toDecimalString(),
                "weightedForecast", t.weighted().toDecimalString(), "committedArr", t.committed().toDecimalString(),
                "atRiskArr", t.atRisk().toDecimalString());
    }

    private static Map<String, Object> json(Renewal r) {
        Money weighted = new Money(RenewalForecaster.weigh(r.arr().minorUnits(), r.probability()), r.arr().currency());
        return obj("account_id", r.accountId(), "subscription_id", r.subscriptionId(), "renewal_date", r.date().toString(),
                "arr", r.arr().toDecimalString(), "currency", r.arr().currency().getCurrencyCode(),
                "health", Codes.code(r.health()), "score", r.score().orElse(null), "derivedBucket", Codes.code(r.derived()),
                "bucket", Codes.code(r.bucket()), "probability", r.probability(), "weighted", weighted.toDecimalString(),
                "override", r.override().map(ForecastResource::json).orElse(null), "note", r.note().orElse(null));
    }

    private static Map<String, Object> json(ForecastOverride o) {
        return obj("account_id", o.accountId(), "subscription_id", o.subscriptionId(), "renewal_date",
                o.renewalDate().toString(), "bucket", Codes.code(o.bucket()), "reason", o.reason().orElse(null),
                "health", Codes.code(o.health()), "set_by", o.setBy(), "set_at", o.setAt().toString());
    }

    Map<String, Object> calibration(Map<String, String> query) throws ApiException {
        ReportingPeriod.Length length = param(() -> ReportingPeriod.Length.parse("by", query.getOrDefault("by", "quarter")));
        int count = param(() -> count(query.getOrDefault("periods", "4")));
        ForecastSettings s = forecaster.settings();
        Calibration.Result result = Calibration.calibrate(forecaster,
                length.closed(count, forecaster.today(), s.graceDays()));
        String currency = result.currency().map(java.util.Currency::getCurrencyCode).orElse(null);
        List<Map<String, Object>> periods = new ArrayList<>();
        for (Calibration.PeriodResult p : result.periods()) {
            Map<String, Object> buckets = new LinkedHashMap<>();
            for (Calibration.BucketOutcome o : p.buckets()) {
                buckets.put(Codes.code(o.bucket()), obj("renewals", o.renewals(), "arr", money(o.arr(), currency),
                        "probability", o.probability(), "forecast", money(o.forecast(), currency), "kept",
                        money(o.kept(), currency), "actualRate", o.actualRate().orElse(null), "churned", o.churned(),
                        "contracted", o.contracted()));
            }
            periods.add(obj("period", p.period().label(), "from", p.period().from().toString(), "to",
                    p.period().to().toString(), "forecastAsOf", p.asOf().toString(), "renewals",
                    p.buckets().stream().mapToLong(Calibration.BucketOutcome::renewals).sum(), "arr", money(p.arr(), currency),
                    "forecast", money(p.forecast(), currency), "kept", money(p.kept(), currency), "actualRate",
                    Calibration.rate(p.kept(), p.arr()).orElse(null), "buckets", buckets, "otherCurrencyRenewals",
                    p.otherCurrencyRenewals()));
        }
        Map<String, Object> suggested = new LinkedHashMap<>();
        for (Calibration.Suggestion sg : result.suggestions()) {
            suggested.put(Codes.code(sg.bucket()), obj("renewals", sg.renewals(), "arr", money(sg.arr(), currency), "kept",
                    money(sg.kept(), currency), "actualRate", sg.actualRate().orElse(null), "probability",
                    sg.probability(), "suggested", sg.suggested(), "basis", sg.basis()));
        }
        return obj("currency", currency, "by", length.name().toLowerCase(java.util.Locale.ROOT), "graceDays",
                s.graceDays(), "periods", periods, "suggestedProbabilities", suggested, "definition",
                Calibration.DEFINITION + " " + s.rule());
    }

    /** A JSON object from names and values in order; a null value is left out of the answer. */
    private static Map<String, Object> obj(Object... namesAndValues) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            v.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return v;
    }

    private static int count(String text) {
        int n;
        try {
            n = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("periods '" + text + "' is not a whole number");
        }
        if (n < 1 || n > MAX_PERIODS) {
            throw new IllegalArgumentException("periods " + n + " is not between 1 and " + MAX_PERIODS);
        }
        return n;
    }

    private static String money(long minor, String currency) {
        return currency == null ? BigDecimal.ZERO.toPlainString() : Money.ofMinor(minor, currency).toDecimalString();
    }

    /** A query parameter's value, or 400 naming it (the message starts with the parameter's name). */
    private static <T> T param(Parse<T> parse) throws ApiException {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().split(" ", 2)[0];
            throw ApiException.badRequest(e.getMessage(), field);
        }
    }

    @FunctionalInterface
    private interface Parse<T> {
        T get();
    }
}
