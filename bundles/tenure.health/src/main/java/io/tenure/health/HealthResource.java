package io.tenure.health;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.data.Codes;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.Query;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.HealthStatus;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiRequest;
import io.tenure.api.rest.ApiResource;
import io.tenure.api.rest.ApiResponse;
import io.tenure.api.security.Role;

/**
 * {@code /api/v1/health}: {@code /accounts/{id}} (also {@code /api/v1/accounts/{id}/health}: score, sub-scores, status, trend, explanation, owner and due date),
 * {@code /backtest?from=..&to=..&horizonDays=90}, {@code /distribution} and {@code /measures}. Every measure registered
 * as a {@link HealthMeasure} service counts, Tenure's and partners'.
 */
@Component(service = ApiResource.class, property = { ApiResource.PATH + "=health", ApiResource.PATH + "=accounts/*/health" },
        configurationPolicy = ConfigurationPolicy.IGNORE)
public class HealthResource implements ApiResource {

    @Reference
    private DataStore store;

    @Reference
    private HealthEngine engine;

    private List<HealthMeasure> measures() {
        return engine.measures();
    }

    @Override
    public ApiResponse handle(ApiRequest request) throws ApiException {
        request.require(Role.VIEWER);
        List<String> path = request.path();
        LocalDate asOf = request.date("asOf").orElse(engine.today());
        if (path.equals(List.of("recompute")) && request.method().equals("POST")) {
            request.require(Role.ADMIN);
            try {
                return ApiResponse.ok(Map.of("asOf", asOf.toString(), "scored", engine.recompute(asOf)));
            } catch (io.tenure.api.data.DataException e) {
                throw ApiException.unprocessable(e.getMessage());
            }
        }
        if (!request.method().equals("GET")) {
            throw ApiException.methodNotAllowed(request.method());
        }
        String accountId = request.resource().equals("accounts/*/health") && path.size() == 1 ? path.get(0)
                : path.size() == 2 && path.get(0).equals("accounts") ? path.get(1) : null;
        if (accountId != null) {
            AccountHistory h = Histories.of(store, accountId, asOf)
                    .orElseThrow(() -> ApiException.notFound("account '" + accountId + "' does not exist"));
            return ApiResponse.ok(accountHealth(h));
        }
        if (path.equals(List.of("backtest"))) {
            LocalDate to = request.date("to").orElse(asOf);
            LocalDate from = request.date("from").orElse(to.minusYears(1));
            int horizon = Integer.parseInt(request.query().getOrDefault("horizonDays", "90"));
            if (!from.isBefore(to) || horizon < 1 || horizon > 730) {
                throw ApiException.badRequest("from must be before to, and horizonDays between 1 and 730");
            }
            return ApiResponse.ok(backtest(from, to, horizon, Boolean.parseBoolean(request.query().getOrDefault("includeInvoluntary", "false"))));
        }
        if (path.equals(List.of("distribution"))) {
            return ApiResponse.ok(distribution(asOf));
        }
        if (path.equals(List.of("measures"))) {
            return ApiResponse.ok(measures().stream().map(m -> Map.of("name", m.name(), "dimension", Codes.code(m.dimension()),
                    "weight", m.weight())).toList());
        }
        throw ApiException.notFound("health: /accounts/{id}, /backtest, /distribution, /measures, POST /recompute");
    }

    Map<String, Object> accountHealth(AccountHistory h) {
        HealthScorer s = engine.scorer();
        List<HealthMeasure> current = measures();
        HealthScorer.Scored[] both = engine.within("account health", (guard, calls) -> new HealthScorer.Scored[] {
            s.score(h, current, calls), s.score(h.asOf(h.asOf().minusDays(30)), current, calls) });
        HealthScorer.Scored now = both[0];
        HealthScorer.Scored before = both[1];
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("account_id", h.account().id());
        body.put("asOf", h.asOf().toString());
        body.put("score", now.score().status() == HealthStatus.UNKNOWN ? null : now.score().score());
        body.put("status", Codes.code(now.score().status()));
        Map<String, Object> sub = new LinkedHashMap<>();
        now.subScores().forEach((d, v) -> sub.put(Codes.code(d), Math.round(v)));
        body.put("subScores", sub);
        long delta = now.score().score() - before.score().score();
        body.put("trend", before.score().status() == HealthStatus.UNKNOWN || now.score().status() == HealthStatus.UNKNOWN ? "unknown"
                : delta > 5 ? "up" : delta < -5 ? "down" : "flat");
        body.put("scoreThirtyDaysAgo", before.score().status() == HealthStatus.UNKNOWN ? null : before.score().score());
        List<Map<String, Object>> moved = new ArrayList<>();
        for (HealthScorer.MeasureScore m : now.measures()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", m.measure().name());
            row.put("dimension", Codes.code(m.measure().dimension()));
            row.put("score", m.result().map(r -> Math.round(r.score())).orElse(null));
            row.put("detail", m.result().map(r -> r.detail()).orElse("no data"));
            double c = now.contributions().getOrDefault(m.measure().name(), 0.0);
            double p = before.contributions().getOrDefault(m.measure().name(), 0.0);
            row.put("contribution", BigDecimal.valueOf(c).setScale(1, java.math.RoundingMode.HALF_EVEN));
            row.put("movedBy", BigDecimal.valueOf(c - p).setScale(1, java.math.RoundingMode.HALF_EVEN));
            moved.add(row);
        }
        moved.sort(Comparator.comparing((Map<String, Object> r) -> ((BigDecimal) r.get("movedBy")).abs()).reversed());
        body.put("measures", moved);
        body.put("explanation", now.score().explanation().orElse(""));
        body.put("response", HealthScorer.response(now.score().status()));
        body.put("owner", h.account().owner().orElse(s.config().unassignedOwner()));
        body.put("due", s.due(now.score()).toString());
        return body;
    }

    Map<String, Object> backtest(LocalDate from, LocalDate to, int horizon, boolean includeInvoluntary) {
        Map<String, AccountHistory> histories = Histories.all(store, to, from.minusDays(horizon));
        List<ArrMovement> movements = new ArrayList<>();
        store.repository(ArrMovement.TYPE).forEach(Query.all(), movements::add);
        List<Backtest.Event> events = Backtest.events(histories, movements, from, to, includeInvoluntary);
        List<HealthMeasure> current = measures();
        Backtest.Result r = engine.within("health backtest", (guard, calls) -> Backtest.run(events, histories,
                engine.scorer(), current.stream().filter(m -> guard.allowed(m.name())).toList(), horizon, calls));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("horizonDays", horizon);
        body.put("accounts", r.accounts());
        body.put("churned", r.churned());
        body.put("auc", r.auc());
        Map<String, Object> rates = new LinkedHashMap<>();
        Map<String, Object> counts = new LinkedHashMap<>();
        for (HealthStatus s : HealthStatus.values()) {
            long[] row = r.byStatus().get(s);
            if (s != HealthStatus.UNKNOWN || row[0] > 0) {
                rates.put(Codes.code(s), row[0] == 0 ? null : BigDecimal.valueOf((double) row[1] / row[0]).setScale(4, java.math.RoundingMode.HALF_EVEN));
                counts.put(Codes.code(s), Map.of("accounts", row[0], "churned", row[1]));
            }
        }
        body.put("churnRateByStatus", rates);
        body.put("countsByStatus", counts);
        body.put("measures", r.measures());
        body.put("definition", "Each account with a voluntary churn in [from, to) (a churner) or a contract anniversary there "
                + "at which it kept paying (a renewer) is scored as it stood horizonDays before that date, from data dated "
                + "before then. auc = the chance a renewer scored above a churner (ties half); 0.5 is chance. "
                + "Involuntary churn is left out unless includeInvoluntary=true.");
        return body;
    }

    /** Accounts and ARR per status as of {@code asOf} (ARR from the movements up to that day). */
    Map<String, Object> distribution(LocalDate asOf) {
        Map<String, AccountHistory> histories = Histories.all(store, asOf);
        Map<String, Long> arr = new java.util.HashMap<>();
        String[] currency = { "USD" };
        store.repository(ArrMovement.TYPE).forEach(Query.all(), m -> {
            if (m.date().isBefore(asOf)) {
                arr.merge(m.accountId(), m.signedAmount().minorUnits(), Long::sum);
                currency[0] = m.amount().currency().getCurrencyCode();
            }
        });
        Map<HealthStatus, long[]> rows = new EnumMap<>(HealthStatus.class);
        for (HealthStatus s : HealthStatus.values()) {
            rows.put(s, new long[2]);
        }
        for (AccountHistory h : histories.values()) {
            long[] row = rows.get(engine.score(h).score().status());
            row[0]++;
            row[1] += Math.max(0, arr.getOrDefault(h.account().id(), 0L));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("asOf", asOf.toString());
        body.put("currency", currency[0]);
        for (HealthStatus s : HealthStatus.values()) {
            long[] row = rows.get(s);
            body.put(Codes.code(s), Map.of("accounts", row[0], "arr",
                    io.tenure.api.money.Money.ofMinor(row[1], currency[0]).toDecimalString()));
        }
        return body;
    }
}
