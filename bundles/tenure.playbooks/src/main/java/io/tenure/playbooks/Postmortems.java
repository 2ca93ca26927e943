package io.tenure.playbooks;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.tenure.api.money.Money;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.ChurnRecord;
import io.tenure.api.revenue.ChurnType;
import io.tenure.api.revenue.MovementKind;
import io.tenure.api.revenue.MovementType;

/**
 * Churn post-mortems: every churn or contraction movement gets a record (ARR lost, churn type) named after the movement,
 * which the post-mortem task completes with the root cause and product-feedback tags; the report ranks the feedback
 * by the ARR lost with it.
 */
public final class Postmortems {
    private Postmortems() {
    }

    /** The id of the post-mortem record of a churn or contraction movement. */
    public static String recordId(ArrMovement m) {
        return "pm-" + m.id();
    }

    /** How far apart a movement and an existing record of the same account and type may be dated and still match. */
    static final int MATCH_DAYS = 7;

    /** The churn type of a churn or contraction movement. */
    static ChurnType type(ArrMovement m) {
        return m.type() == MovementType.CONTRACTION ? ChurnType.DOWNGRADE
                : m.kind().filter(MovementKind.INVOLUNTARY::equals).isPresent() ? ChurnType.INVOLUNTARY : ChurnType.VOLUNTARY;
    }

    /** The post-mortem of a churn or contraction among the account's records: the one named after it, or a match. */
    public static Optional<ChurnRecord> recordOf(ArrMovement m, List<ChurnRecord> records) {
        ChurnType type = type(m);
        return records.stream().filter(r -> r.id().equals(recordId(m))).findFirst().or(() -> records.stream()
                .filter(r -> r.type() == type && Math.abs(r.date().toEpochDay() - m.date().toEpochDay()) <= MATCH_DAYS).findFirst());
    }

    /**
     * The records still missing for the churn and contraction movements among {@code movements}: a movement has its
     * record when one carries its id, or when the account already has a record of the same churn type dated within
     * {@value #MATCH_DAYS} days of it (written by hand or imported).
     */
    public static List<ChurnRecord> drafts(Collection<ArrMovement> movements, Map<String, List<ChurnRecord>> existing) {
        List<ChurnRecord> out = new ArrayList<>();
        for (ArrMovement m : movements) {
            if (m.type() != MovementType.CHURN && m.type() != MovementType.CONTRACTION) {
                continue;
            }
            if (recordOf(m, existing.getOrDefault(m.accountId(), List.of())).isEmpty()) {
                out.add(new ChurnRecord(m.accountId(), recordId(m), m.date(), type(m), m.amount(), Optional.empty(), List.of()));
            }
        }
        return out;
    }

    /**
     * The post-mortem report of the records dated in [from, to): ARR lost and records per churn type, the records still
     * without a root cause, and every product-feedback tag ranked by the ARR lost with it (a record's full ARR counts for
     * each of its tags), per currency.
     */
    public static Map<String, Object> report(List<ChurnRecord> records, LocalDate from, LocalDate to) {
        Map<String, Map<String, long[]>> byTag = new HashMap<>(); // currency -> tag -> [minor units, records]
        Map<String, Map<String, long[]>> byType = new TreeMap<>();
        List<Map<String, Object>> pending = new ArrayList<>();
        int count = 0;
        int unexplained = 0;
        for (ChurnRecord r : records) {
            if (r.date().isBefore(from) || !r.date().isBefore(to)) {
                continue;
            }
            count++;
            String currency = r.arrLost().currency().getCurrencyCode();
            long[] t = byType.computeIfAbsent(currency, k -> new TreeMap<>()).computeIfAbsent(code(r.type()), k -> new long[2]);
            t[0] += r.arrLost().minorUnits();
            t[1]++;
            for (String tag : r.feedback()) {
                long[] f = byTag.computeIfAbsent(currency, k -> new HashMap<>()).computeIfAbsent(tag, k -> new long[2]);
                f[0] += r.arrLost().minorUnits();
                f[1]++;
            }
            if (r.rootCause().isEmpty() && ++unexplained <= LISTED) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("account_id", r.accountId());
                p.put("record_id", r.id());
                p.put("date", r.date().toString());
                p.put("type", code(r.type()));
                p.put("arr_lost", r.arrLost().toDecimalString());
                p.put("currency", currency);
                pending.add(p);
            }
        }
        List<Map<String, Object>> ranking = new ArrayList<>();
        byTag.forEach((currency, tags) -> tags.forEach((tag, v) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("feedback", tag);
            row.put("arrLost", money(v[0], currency));
            row.put("currency", currency);
            row.put("records", v[1]);
            ranking.add(row);
        }));
        ranking.sort((a, b) -> {
            int c = ((String) a.get("currency")).compareTo((String) b.get("currency"));
            if (c != 0) {
                return c;
            }
            c = new BigDecimal((String) b.get("arrLost")).compareTo(new BigDecimal((String) a.get("arrLost")));
            return c != 0 ? c : ((String) a.get("feedback")).compareTo((String) b.get("feedback"));
        });
        Map<String, Object> types = new LinkedHashMap<>();
        byType.forEach((currency, m) -> m.forEach((type, v) -> types.put(type + " " + currency,
                Map.of("arrLost", money(v[0], currency), "records", v[1]))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("records", count);
        body.put("byType", types);
        body.put("feedbackByArrLost", ranking);
        body.put("withoutRootCause", Map.of("count", unexplained, "records", pending));
        body.put("definition", "Every churn or contraction movement gets a post-mortem record (ARR lost, churn type); the "
                + "post-mortem task adds the root cause and product-feedback tags. Feedback is ranked by the ARR lost on the "
                + "records tagged with it (a record's full ARR counts for each of its tags).");
        return body;
    }

    /** The most records listed without a root cause; the count is always complete. */
    static final int LISTED = 200;

    private static String money(long minor, String currency) {
        return Money.ofMinor(minor, currency).toDecimalString();
    }

    private static String code(Enum<?> e) {
        return io.tenure.api.data.Codes.code(e);
    }
}
