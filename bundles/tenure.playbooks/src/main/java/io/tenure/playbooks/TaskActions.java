package io.tenure.playbooks;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.advocacy.Referral;
import io.tenure.api.advocacy.ReferralStatus;
import io.tenure.api.data.Codes;
import io.tenure.api.data.DataException;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.Query;
import io.tenure.api.journey.Handoff;
import io.tenure.api.journey.HandoffKind;
import io.tenure.api.money.Money;
import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiRequest;
import io.tenure.api.rest.ApiResource;
import io.tenure.api.rest.ApiResponse;
import io.tenure.api.revenue.ChurnRecord;
import io.tenure.api.revenue.MovementKind;
import io.tenure.api.revenue.MovementSource;
import io.tenure.api.revenue.Opportunity;
import io.tenure.api.revenue.OpportunityStage;
import io.tenure.api.security.Role;
import io.tenure.api.task.Task;
import io.tenure.api.task.TaskResult;
import io.tenure.api.task.TaskStatus;
import io.tenure.playbooks.triggers.RenewalRisk;

/**
 * {@code POST /api/v1/tasks/{account}/{task}/complete} (csm): closes a task with what came of it, and records what the
 * play produced: a save plan names its save play and result; a post-mortem adds the root cause and product-feedback
 * tags to its churn record; a referral request that succeeded files the referral with the CSM as its source; an
 * expansion handed to sales files the opportunity (and the CS-to-sales handoff when it reaches the threshold).
 * {@code GET /api/v1/tasks/outcomes?from=..&to=..}: completed tasks per playbook and play, by result.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = ApiResource.class, property = { ApiResource.PATH + "=tasks/*/*/complete",
        ApiResource.PATH + "=tasks/outcomes" })
public class TaskActions implements ApiResource {
    /** Playbooks whose tasks can hand an expansion to sales. */
    static final Set<String> EXPANSION = Set.of("expansion", "executive_conversation");

    @Reference
    private DataStore store;
    @Reference
    private PlaybookEngine engine;
    private final Clock clock;

    public TaskActions() {
        this.clock = Clock.systemUTC();
    }

    public TaskActions(DataStore store, PlaybookEngine engine, Clock clock) {
        this.store = store;
        this.engine = engine;
        this.clock = clock;
    }

    /** The body of a completion; snake_case like every record in the API. */
    public static final class Completion {
        public String status;
        public String play;
        public String result;
        public String outcome;
        public String record_id;
        public String root_cause;
        public List<String> feedback;
        public String lead;
        public String amount;
        public String currency;
        public String kind;
    }

    @Override
    public ApiResponse handle(ApiRequest request) throws ApiException {
        if (request.resource().equals("tasks/outcomes")) {
            request.require(Role.VIEWER);
            if (!request.method().equals("GET")) {
                throw ApiException.methodNotAllowed(request.method());
            }
            return ApiResponse.ok(outcomes(request.date("from").orElse(LocalDate.of(1970, 1, 1)),
                    request.date("to").orElse(LocalDate.of(9999, 1, 1))));
        }
        request.require(Role.CSM);
        if (!request.method().equals("POST") || request.path().size() != 2) {
            throw ApiException.notFound("POST /api/v1/tasks/{account_id}/{task_id}/complete");
        }
        Completion body = request.body(Completion.class);
        try {
            return ApiResponse.ok(complete(request.path().get(0), request.path().get(1), body == null ? new Completion() : body));
        } catch (DataException | BadField | IllegalArgumentException e) {
            throw ApiException.unprocessable(e.getMessage());
        }
    }

    /** Closes the task and files what its play produced. @return the closed task and the records filed */
    public Map<String, Object> complete(String accountId, String taskId, Completion c) throws ApiException, DataException {
        Task task = store.repository(Task.TYPE).get(List.of(accountId, taskId))
                .orElseThrow(() -> ApiException.notFound("no task " + taskId + " of account " + accountId));
        if (!task.isOpen()) {
            throw ApiException.conflict("task " + taskId + " is already " + Codes.code(task.status()));
        }
        TaskStatus end = c.status == null ? TaskStatus.DONE : code(TaskStatus.class, "status", c.status);
        Optional<TaskResult> result = Optional.ofNullable(c.result).map(r -> code(TaskResult.class, "result", r));
        Optional<String> play = Optional.ofNullable(c.play).map(p -> p.trim().toLowerCase(Locale.ROOT));
        Instant now = clock.instant();
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        Map<String, Object> filed = new LinkedHashMap<>();
        if (end == TaskStatus.DONE) {
            switch (task.playbook()) {
                case "save_plan" -> {
                    if (play.isEmpty() || !RenewalRisk.SAVE_PLAYS.contains(play.get()) || result.isEmpty()) {
                        throw ApiException.unprocessable("a save plan is completed with the save play that ran (play: one of "
                                + String.join(", ", RenewalRisk.SAVE_PLAYS) + ") and its result (succeeded, partial or failed)");
                    }
                }
                case "postmortem" -> filed.put("churn_record", postmortem(task, c));
                case "referral_request" -> {
                    play = play.or(() -> Optional.of("referral_request"));
                    if (result.isEmpty()) {
                        throw ApiException.unprocessable("a referral request is completed with its result: succeeded (with the "
                                + "lead), partial or failed");
                    }
                    if (result.get() != TaskResult.FAILED) {
                        filed.put("referral", referral(task, c, today));
                    }
                }
                default -> {
                    if (EXPANSION.contains(task.playbook()) && play.filter("hand_to_sales"::equals).isPresent()) {
                        filed.putAll(handOff(task, c, today));
                    }
                }
            }
        }
        Task closed = task.complete(end, now, play, result, Optional.ofNullable(c.outcome).filter(o -> !o.isBlank()));
        store.saveAll(Task.TYPE, List.of(closed));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("task", Map.of("account_id", closed.accountId(), "task_id", closed.id(), "status", Codes.code(closed.status()),
                "play", closed.play().orElse(""), "result", closed.result().map(Codes::code).orElse(""),
                "completed", closed.completed().orElseThrow().toString()));
        body.put("filed", filed);
        return body;
    }

    private Map<String, Object> postmortem(Task task, Completion c) throws ApiException, DataException {
        if (c.root_cause == null || c.root_cause.isBlank()) {
            throw ApiException.unprocessable("a post-mortem is completed with its root_cause (and feedback tags)");
        }
        List<ChurnRecord> records = store.repository(ChurnRecord.TYPE).ofAccount(task.accountId());
        ChurnRecord record;
        if (c.record_id != null) {
            record = records.stream().filter(r -> r.id().equals(c.record_id)).findFirst()
                    .orElseThrow(() -> ApiException.unprocessable("account " + task.accountId() + " has no churn record " + c.record_id));
        } else {
            List<ChurnRecord> open = records.stream().filter(r -> r.rootCause().isEmpty()).toList();
            if (open.size() != 1) {
                throw ApiException.unprocessable("name the record_id: account " + task.accountId() + " has " + open.size()
                        + " churn records without a root cause" + (open.isEmpty() ? "" : ": "
                                + String.join(", ", open.stream().map(ChurnRecord::id).toList())));
            }
            record = open.get(0);
        }
        List<String> tags = c.feedback == null ? record.feedback() : c.feedback.stream().map(String::trim)
                .filter(t -> !t.isEmpty()).distinct().toList();
        ChurnRecord done = new ChurnRecord(record.accountId(), record.id(), record.date(), record.type(), record.arrLost(),
                Optional.of(c.root_cause.trim()), tags);
        store.saveAll(ChurnRecord.TYPE, List.of(done));
        return Map.of("record_id", done.id(), "arr_lost", done.arrLost().toDecimalString(), "feedback", tags);
    }

    private Map<String, Object> referral(Task task, Completion c, LocalDate today) throws ApiException, DataException {
        if (c.lead == null || c.lead.isBlank()) {
            throw ApiException.unprocessable("a referral request that succeeded names the lead it produced");
        }
        Referral r = new Referral(task.accountId(), "ref-" + task.id(), today, c.lead.trim(), Optional.of(task.owner()),
                ReferralStatus.INTRODUCED, Optional.empty(), Optional.empty());
        store.saveAll(Referral.TYPE, List.of(r));
        return Map.of("referral_id", r.id(), "lead", r.lead(), "csm", task.owner());
    }

    private Map<String, Object> handOff(Task task, Completion c, LocalDate today) throws ApiException, DataException {
        if (c.amount == null || c.kind == null) {
            throw ApiException.unprocessable("a hand-off to sales names the expansion amount and its kind (seat, tier, "
                    + "cross_sell or usage)");
        }
        MovementKind kind = code(MovementKind.class, "kind", c.kind);
        if (kind == MovementKind.VOLUNTARY || kind == MovementKind.INVOLUNTARY) {
            throw ApiException.unprocessable("kind " + c.kind + " is a churn kind; an expansion is seat, tier, cross_sell or usage");
        }
        Money amount;
        try {
            amount = Money.parse(c.amount, c.currency == null ? "USD" : c.currency);
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("amount: " + e.getMessage());
        }
        if (!amount.isPositive()) {
            throw ApiException.unprocessable("amount " + c.amount + " must be positive");
        }
        PlaybookEngine.Config cfg = engine.config();
        Money threshold = Money.parse(String.valueOf(cfg.salesHandoffArr()), amount.currency().getCurrencyCode());
        boolean toSales = amount.compareTo(threshold) >= 0;
        Opportunity o = new Opportunity(task.accountId(), "opp-" + task.id(), kind, amount, MovementSource.CS_LED,
                toSales ? OpportunityStage.HANDED_TO_SALES : OpportunityStage.QUALIFIED, today, Optional.empty(),
                Optional.of(toSales ? cfg.salesOwner() : task.owner()));
        store.saveAll(Opportunity.TYPE, List.of(o));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("opportunity", Map.of("opportunity_id", o.id(), "stage", Codes.code(o.stage()), "owner", o.owner().orElseThrow(),
                "amount", amount.toDecimalString()));
        if (toSales) {
            Handoff h = new Handoff(task.accountId(), "cs2s-" + task.id(), HandoffKind.CS_TO_SALES, today, Optional.of(task.owner()),
                    Optional.of(cfg.salesOwner()), Optional.ofNullable(c.outcome), Optional.empty(), Optional.empty(), Optional.empty());
            store.saveAll(Handoff.TYPE, List.of(h));
            out.put("handoff", Map.of("handoff_id", h.id(), "to", cfg.salesOwner()));
        }
        return out;
    }

    /** Completed tasks closed in [from, to), per playbook and play, by result. */
    public Map<String, Object> outcomes(LocalDate from, LocalDate to) {
        Map<String, Map<String, Map<String, Long>>> counts = new TreeMap<>();
        store.repository(Task.TYPE).scan(Query.all().where("status", "done"), t -> {
            LocalDate day = t.completed().map(i -> i.atZone(ZoneOffset.UTC).toLocalDate()).orElse(null);
            if (day == null || day.isBefore(from) || !day.isBefore(to)) {
                return;
            }
            counts.computeIfAbsent(t.playbook(), k -> new TreeMap<>()).computeIfAbsent(t.play().orElse("(none)"), k -> new TreeMap<>())
                    .merge(t.result().map(Codes::code).orElse("unrecorded"), 1L, Long::sum);
        });
        List<Map<String, Object>> rows = new ArrayList<>();
        counts.forEach((playbook, plays) -> plays.forEach((play, results) -> {
            long total = results.values().stream().mapToLong(Long::longValue).sum();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("playbook", playbook);
            row.put("play", play);
            row.put("completed", total);
            row.put("results", results);
            long ok = results.getOrDefault("succeeded", 0L);
            row.put("successRate", total == 0 ? null : java.math.BigDecimal.valueOf(ok).divide(java.math.BigDecimal.valueOf(total), 4,
                    java.math.RoundingMode.HALF_EVEN));
            rows.add(row);
        }));
        return Map.of("from", from.toString(), "to", to.toString(), "plays", rows);
    }

    private static <E extends Enum<E>> E code(Class<E> type, String field, String text) {
        try {
            return Codes.parse(type, field, text);
        } catch (IllegalArgumentException e) {
            throw new BadField(e.getMessage());
        }
    }

    /** A bad code in the body, turned into a 422 by {@link #handle}. */
    private static final class BadField extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadField(String message) {
            super(message);
        }
    }
}
