package io.tenure.journey;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import io.tenure.api.account.Account;
import io.tenure.api.account.JourneyStage;
import io.tenure.api.account.Segment;
import io.tenure.api.account.StageChange;
import io.tenure.api.data.Codes;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.Query;
import io.tenure.api.journey.Handoff;
import io.tenure.api.journey.HandoffKind;
import io.tenure.api.journey.Milestone;
import io.tenure.api.metrics.ReportingPeriod;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiRequest;
import io.tenure.api.rest.ApiResource;
import io.tenure.api.rest.ApiResponse;
import io.tenure.api.security.Role;

/**
 * {@code /api/v1/journey/stages}: accounts and ARR per current stage, and the designed journey beside the actual one
 * (median days in onboarding and to first value, per segment and acquisition cohort), naming the widest gap.
 * {@code /api/v1/journey/handoffs}: every handoff with its completeness; a sales-to-CS handoff without goals,
 * commitments or a stakeholder map is incomplete.
 */
@Component(service = ApiResource.class, property = ApiResource.PATH + "=journey", configurationPid = JourneyConfig.PID)
@Designate(ocd = JourneyConfig.class)
public class JourneyResource implements ApiResource {

    @Reference
    private DataStore store;

    @Reference
    private JourneyRules rules;

    private volatile JourneyConfig config;

    public JourneyResource() {
    }

    public JourneyResource(DataStore store, JourneyConfig config) {
        this.store = store;
        this.config = config;
    }

    /** The body of a manual stage change. */
    public static final class Move {
        public String account_id;
        public String to;
        public String reason;
    }

    @Activate
    @Modified
    void configure(JourneyConfig changed) {
        validate(changed);
        this.config = changed;
    }

    /** @throws IllegalArgumentException naming the setting that is not four positive day counts */
    static void validate(JourneyConfig c) {
        Map<String, int[]> targets = new LinkedHashMap<>();
        targets.put("preSaleDays", c.preSaleDays());
        targets.put("onboardingDays", c.onboardingDays());
        targets.put("firstValueDays", c.firstValueDays());
        targets.forEach((name, days) -> {
            if (days.length != Segment.values().length || Arrays.stream(days).anyMatch(d -> d <= 0)) {
                throw new IllegalArgumentException(JourneyConfig.PID + " " + name + " " + Arrays.toString(days)
                        + ": needs four positive day counts, for enterprise, mid-market, SMB and tech-touch");
            }
        });
        if (c.renewalWindowDays() <= 0) {
            throw new IllegalArgumentException(JourneyConfig.PID + " renewalWindowDays " + c.renewalWindowDays()
                    + ": must be a positive number of days");
        }
    }

    @Override
    public ApiResponse handle(ApiRequest request) throws ApiException {
        request.require(Role.VIEWER);
        if (request.method().equals("POST") && request.path().equals(List.of("transitions"))) {
            request.require(Role.CSM);
            Move move = request.body(Move.class);
            JourneyStage to;
            try {
                to = JourneyStage.parse(move.to);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            try {
                StageChange change = rules.move(String.valueOf(move.account_id), to, move.reason, LocalDate.now(java.time.ZoneOffset.UTC));
                return ApiResponse.created(Map.of("account_id", change.accountId(), "from", change.from().map(JourneyStage::code)
                        .orElse(""), "to", change.to().code(), "reason", change.reason().orElse("")), "/api/v1/accounts/"
                        + change.accountId() + "/timeline");
            } catch (io.tenure.api.data.DataException e) {
                throw ApiException.unprocessable(e.getMessage());
            }
        }
        if (request.method().equals("POST") && request.path().equals(List.of("rules"))) {
            request.require(Role.ADMIN);
            try {
                return ApiResponse.ok(Map.of("moved", rules.apply(LocalDate.now(java.time.ZoneOffset.UTC)).size()));
            } catch (io.tenure.api.data.DataException e) {
                throw ApiException.unprocessable(e.getMessage());
            }
        }
        if (!request.method().equals("GET")) {
            throw ApiException.methodNotAllowed(request.method());
        }
        if (request.path().equals(List.of("stages"))) {
            return ApiResponse.ok(stages());
        }
        if (request.path().equals(List.of("handoffs"))) {
            boolean onlyIncomplete = Boolean.parseBoolean(request.query().getOrDefault("incomplete", "false"));
            return ApiResponse.ok(handoffs(onlyIncomplete));
        }
        throw ApiException.notFound("journey: GET /stages, GET /handoffs[?incomplete=true], POST /transitions, POST /rules");
    }

    /** Whether a handoff holds what its kind needs; the missing parts named. */
    public static List<String> missing(Handoff h) {
        List<String> missing = new ArrayList<>();
        if (h.kind() == HandoffKind.SALES_TO_CS) {
            if (h.goals().isEmpty()) {
                missing.add("goals");
            }
            if (h.commitments().isEmpty()) {
                missing.add("commitments");
            }
            if (h.stakeholderMap().isEmpty()) {
                missing.add("stakeholder_map");
            }
            if (h.riskProfile().isEmpty()) {
                missing.add("risk_profile");
            }
        }
        if (h.toOwner().isEmpty()) {
            missing.add("to_owner");
        }
        return missing;
    }

    Map<String, Object> handoffs(boolean onlyIncomplete) {
        List<Map<String, Object>> rows = new ArrayList<>();
        int incomplete = 0;
        int total = 0;
        List<Handoff> all = new ArrayList<>();
        store.repository(Handoff.TYPE).forEach(Query.all(), all::add);
        for (Handoff h : all) {
            List<String> missing = missing(h);
            total++;
            incomplete += missing.isEmpty() ? 0 : 1;
            if (onlyIncomplete && missing.isEmpty()) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("account_id", h.accountId());
            row.put("handoff_id", h.id());
            row.put("kind", Codes.code(h.kind()));
            row.put("date", h.date().toString());
            row.put("complete", missing.isEmpty());
            row.put("missing", missing);
            rows.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("handoffs", total);
        body.put("incomplete", incomplete);
        body.put("items", rows);
        return body;
    }

    Map<String, Object> stages() {
        List<Account> accounts = new ArrayList<>();
        store.repository(Account.TYPE).forEach(Query.all(), accounts::add);
        // ARR in one currency, the first one met: amounts in different currencies are never added up
        Map<String, Long> arr = new HashMap<>();
        String[] currency = { null };
        int[] otherCurrency = { 0 };
        store.repository(ArrMovement.TYPE).forEach(Query.all(), m -> {
            String code = m.amount().currency().getCurrencyCode();
            if (currency[0] == null) {
                currency[0] = code;
            }
            if (code.equals(currency[0])) {
                arr.merge(m.accountId(), m.signedAmount().minorUnits(), Long::sum);
            } else {
                otherCurrency[0]++;
            }
        });
        Map<String, LocalDate> firstValue = new HashMap<>();
        store.repository(Milestone.TYPE).forEach(Query.all().where("first_value", "true"),
                m -> m.reached().ifPresent(d -> firstValue.merge(m.accountId(), d, (x, y) -> x.isBefore(y) ? x : y)));
        Map<String, List<StageChange>> changes = new HashMap<>();
        store.repository(StageChange.TYPE).forEach(Query.all(), c -> changes.computeIfAbsent(c.accountId(), k -> new ArrayList<>()).add(c));
        Map<JourneyStage, long[]> byStage = new EnumMap<>(JourneyStage.class);
        for (JourneyStage s : JourneyStage.values()) {
            byStage.put(s, new long[2]);
        }
        // measure -> segment -> acquisition cohort -> days, for completed stays in a stage and for time to first value
        Map<String, Map<String, Map<String, List<Long>>>> days = new LinkedHashMap<>();
        for (Account a : accounts) {
            long[] row = byStage.get(a.stage());
            row[0]++;
            row[1] += Math.max(0, arr.getOrDefault(a.id(), 0L));
            String segment = a.segment().map(Codes::code).orElse("unsegmented");
            String cohort = ReportingPeriod.Length.QUARTER.holding(a.signedDate()).label();
            stays(a, changes.getOrDefault(a.id(), List.of())).forEach((stage, stayed) -> stayed.forEach(d -> days
                    .computeIfAbsent(stage.code(), k -> new LinkedHashMap<>()).computeIfAbsent(segment, k -> new LinkedHashMap<>())
                    .computeIfAbsent(cohort, k -> new ArrayList<>()).add(d)));
            Optional.ofNullable(firstValue.get(a.id())).ifPresent(d -> days.computeIfAbsent(FIRST_VALUE, k -> new LinkedHashMap<>())
                    .computeIfAbsent(segment, k -> new LinkedHashMap<>()).computeIfAbsent(cohort, k -> new ArrayList<>())
                    .add(Math.max(0, ChronoUnit.DAYS.between(a.signedDate(), d))));
        }
        Map<String, Object> stages = new LinkedHashMap<>();
        byStage.forEach((s, row) -> stages.put(s.code(), Map.of("accounts", row[0], "arr",
                BigDecimal.valueOf(row[1], 2).toPlainString())));
        List<Map<String, Object>> comparison = new ArrayList<>();
        String widest = null;
        double widestGap = Double.NEGATIVE_INFINITY;
        for (Segment segment : Segment.values()) {
            for (String measure : MEASURES) {
                Map<String, List<Long>> byCohort = days.getOrDefault(measure, Map.of()).getOrDefault(segment.code(), Map.of());
                List<Long> all = byCohort.values().stream().flatMap(List::stream).sorted().toList();
                if (all.isEmpty()) {
                    continue;
                }
                OptionalInt target = target(measure, segment);
                BigDecimal actual = median(all);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("segment", segment.code());
                row.put("stage", measure);
                row.put("measure", measure.equals(FIRST_VALUE) ? "days to first value" : "days in " + measure.replace('_', ' '));
                row.put("targetDays", target.isPresent() ? target.getAsInt() : null);
                row.put("actualMedianDays", actual);
                row.put("gapDays", target.isPresent() ? actual.subtract(BigDecimal.valueOf(target.getAsInt())) : null);
                row.put("accounts", all.size());
                Map<String, Object> cohorts = new LinkedHashMap<>();
                byCohort.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                    List<Long> sorted = new ArrayList<>(e.getValue());
                    Collections.sort(sorted);
                    cohorts.put(e.getKey(), median(sorted));
                });
                row.put("actualMedianDaysByCohort", cohorts);
                comparison.add(row);
                if (target.isPresent() && target.getAsInt() > 0 && actual.doubleValue() / target.getAsInt() > widestGap) {
                    widestGap = actual.doubleValue() / target.getAsInt();
                    widest = segment.code() + " " + row.get("measure");
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stages", stages);
        body.put("currency", currency[0] == null ? "USD" : currency[0]);
        if (otherCurrency[0] > 0) {
            body.put("movementsInOtherCurrencies", otherCurrency[0]);
        }
        body.put("idealVsActual", comparison);
        body.put("widestGap", widest);
        body.put("definition", "Current stage of every account with its ARR. Ideal vs actual: per segment, the median days "
                + "of completed stays in each stage (from the stage change into it, or signature for onboarding, to the change "
                + "out of it) and from signature to the first value moment, overall and per acquisition quarter, beside the "
                + "designed targets (io.tenure.journey settings; adoption and advocacy have none: they last as long as the "
                + "contract); the widest gap is the largest actual / target.");
        return body;
    }

    /** The measures compared: the stays in each stage, in journey order, and time to first value after onboarding. */
    private static final String FIRST_VALUE = "first_value";
    private static final List<String> MEASURES = List.of(JourneyStage.PRE_SALE.code(), JourneyStage.ONBOARDING.code(),
            FIRST_VALUE, JourneyStage.ADOPTION.code(), JourneyStage.RENEWAL_EXPANSION.code(), JourneyStage.ADVOCACY.code());

    private OptionalInt target(String measure, Segment segment) {
        JourneyConfig c = config;
        return switch (measure) {
            case "pre_sale" -> OptionalInt.of(c.preSaleDays()[segment.ordinal()]);
            case "onboarding" -> OptionalInt.of(c.onboardingDays()[segment.ordinal()]);
            case FIRST_VALUE -> OptionalInt.of(c.firstValueDays()[segment.ordinal()]);
            case "renewal_expansion" -> OptionalInt.of(c.renewalWindowDays());
            default -> OptionalInt.empty();
        };
    }

    /**
     * The completed stays of one account, in days per stage: a stay runs from the change into a stage (signature for
     * the first onboarding) to the next change out of it; a stay still going on is not counted.
     */
    static Map<JourneyStage, List<Long>> stays(Account account, List<StageChange> changes) {
        List<StageChange> ordered = new ArrayList<>(changes);
        ordered.sort(Comparator.comparing(StageChange::date));
        Map<JourneyStage, List<Long>> out = new EnumMap<>(JourneyStage.class);
        Map<JourneyStage, LocalDate> entered = new EnumMap<>(JourneyStage.class);
        entered.put(JourneyStage.ONBOARDING, account.signedDate());
        for (StageChange c : ordered) {
            c.from().ifPresent(from -> {
                LocalDate since = entered.remove(from);
                if (since != null && !c.date().isBefore(since)) {
                    out.computeIfAbsent(from, k -> new ArrayList<>()).add(ChronoUnit.DAYS.between(since, c.date()));
                }
            });
            entered.put(c.to(), c.date());
        }
        return out;
    }

    private static BigDecimal median(List<Long> sorted) {
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? BigDecimal.valueOf(sorted.get(mid))
                : BigDecimal.valueOf(sorted.get(mid - 1) + sorted.get(mid)).divide(BigDecimal.valueOf(2));
    }
}
