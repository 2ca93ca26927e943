package io.tenure.health;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tenure.api.data.Codes;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.HealthStatus;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.MovementKind;
import io.tenure.api.revenue.MovementType;

/**
 * Scores every account as it stood {@code horizonDays} before its renewal or churn inside [from, to) and measures how
 * well the score separated churners from renewers. An event: an account's first voluntary churn in the window
 * (a churner), otherwise its first contract anniversary in the window at which it kept paying (a renewer).
 * Involuntary churn (failed payments) is left out unless asked for: no health score predicts an expired card.
 */
public final class Backtest {
    private Backtest() {
    }

    /** An account's event. */
    public record Event(String accountId, LocalDate date, boolean churned) {
    }

    /** The answer. */
    public record Result(int accounts, int churned, BigDecimal auc, Map<HealthStatus, long[]> byStatus,
            List<Map<String, Object>> measures) {
    }

    public static List<Event> events(Map<String, AccountHistory> histories, List<ArrMovement> movements, LocalDate from, LocalDate to,
            boolean includeInvoluntary) {
        Map<String, List<ArrMovement>> byAccount = new LinkedHashMap<>();
        for (ArrMovement m : movements) {
            byAccount.computeIfAbsent(m.accountId(), k -> new ArrayList<>()).add(m);
        }
        List<Event> events = new ArrayList<>();
        for (AccountHistory h : histories.values()) {
            List<ArrMovement> own = byAccount.getOrDefault(h.account().id(), List.of());
            own.sort(Comparator.comparing(ArrMovement::date));
            ArrMovement churn = own.stream().filter(m -> m.type() == MovementType.CHURN && !m.date().isBefore(from)
                    && m.date().isBefore(to) && (includeInvoluntary || m.kind().filter(MovementKind.VOLUNTARY::equals).isPresent()))
                    .findFirst().orElse(null);
            if (churn != null) {
                events.add(new Event(h.account().id(), churn.date(), true));
                continue;
            }
            boolean churnedInWindow = own.stream().anyMatch(m -> m.type() == MovementType.CHURN && !m.date().isBefore(from)
                    && m.date().isBefore(to));
            if (churnedInWindow) {
                continue; // involuntary churn, left out
            }
            for (LocalDate a = h.account().signedDate().plusYears(1); a.isBefore(to); a = a.plusYears(1)) {
                if (!a.isBefore(from) && arrOn(own, a) > 0 && arrOn(own, a.minusDays(1)) > 0) {
                    events.add(new Event(h.account().id(), a, false));
                    break;
                }
            }
        }
        return events;
    }

    private static long arrOn(List<ArrMovement> own, LocalDate day) {
        long arr = 0;
        for (ArrMovement m : own) {
            if (m.date().isAfter(day)) {
                break;
            }
            arr += m.signedAmount().minorUnits();
        }
        return arr;
    }

    public static Result run(List<Event> events, Map<String, AccountHistory> histories, HealthScorer scorer,
            List<HealthMeasure> measures, int horizonDays) {
        return run(events, histories, scorer, measures, horizonDays, HealthScorer.DIRECT);
    }

    /** As {@link #run(List, Map, HealthScorer, List, int)}, calling the measures through {@code calls}. */
    public static Result run(List<Event> events, Map<String, AccountHistory> histories, HealthScorer scorer,
            List<HealthMeasure> measures, int horizonDays, HealthScorer.Calls calls) {
        List<double[]> composite = new ArrayList<>(); // {score, churned}
        Map<HealthStatus, long[]> byStatus = new EnumMap<>(HealthStatus.class);
        for (HealthStatus s : HealthStatus.values()) {
            byStatus.put(s, new long[2]);
        }
        Map<String, List<double[]>> perMeasure = new LinkedHashMap<>();
        measures.forEach(m -> perMeasure.put(m.name(), new ArrayList<>()));
        int churned = 0;
        for (Event e : events) {
            AccountHistory h = histories.get(e.accountId()).asOf(e.date().minusDays(horizonDays));
            HealthScorer.Scored s = scorer.score(h, measures, calls);
            double c = e.churned() ? 1 : 0;
            churned += e.churned() ? 1 : 0;
            long[] row = byStatus.get(s.score().status());
            row[0]++;
            row[1] += e.churned() ? 1 : 0;
            if (s.score().status() != HealthStatus.UNKNOWN) {
                composite.add(new double[] { s.score().score(), c });
            }
            for (HealthScorer.MeasureScore ms : s.measures()) {
                ms.result().ifPresent(r -> perMeasure.get(ms.measure().name()).add(new double[] { r.score(), c }));
            }
        }
        List<Map<String, Object>> report = new ArrayList<>();
        for (HealthMeasure m : measures) {
            List<double[]> values = perMeasure.get(m.name());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", m.name());
            row.put("dimension", Codes.code(m.dimension()));
            row.put("coverage", events.isEmpty() ? null : round((double) values.size() / events.size()));
            row.put("auc", auc(values));
            row.put("meanChurners", mean(values, 1));
            row.put("meanRenewers", mean(values, 0));
            report.add(row);
        }
        report.sort(Comparator.comparing((Map<String, Object> r) -> r.get("auc") == null ? BigDecimal.ZERO : (BigDecimal) r.get("auc"))
                .reversed());
        return new Result(events.size(), churned, auc(composite), byStatus, report);
    }

    /** ROC AUC of "a low score means churn": the chance a renewer scores above a churner (ties count half). */
    static BigDecimal auc(List<double[]> values) {
        long positives = values.stream().filter(v -> v[1] == 1).count();
        long negatives = values.size() - positives;
        if (positives == 0 || negatives == 0) {
            return null;
        }
        List<double[]> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparingDouble(v -> v[0]));
        // rank sum of renewers (higher score = less churn) with average ranks for ties
        double rankSum = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1)[0] == sorted.get(i)[0]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (sorted.get(k)[1] == 0) {
                    rankSum += rank;
                }
            }
            i = j + 1;
        }
        double u = rankSum - negatives * (negatives + 1) / 2.0;
        return round(u / ((double) positives * negatives));
    }

    private static BigDecimal mean(List<double[]> values, double group) {
        double sum = 0;
        int n = 0;
        for (double[] v : values) {
            if (v[1] == group) {
                sum += v[0];
                n++;
            }
        }
        return n == 0 ? null : BigDecimal.valueOf(sum / n).setScale(1, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal round(double v) {
        return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_EVEN);
    }
}
