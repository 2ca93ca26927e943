package io.tenure.journey;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.account.Account;
import io.tenure.api.account.Contact;
import io.tenure.api.account.StageChange;
import io.tenure.api.advocacy.AdvocacyActivity;
import io.tenure.api.advocacy.Referral;
import io.tenure.api.data.Codes;
import io.tenure.api.data.DataStore;
import io.tenure.api.engagement.Interaction;
import io.tenure.api.engagement.SupportTicket;
import io.tenure.api.engagement.SurveyResponse;
import io.tenure.api.health.HealthScore;
import io.tenure.api.journey.Handoff;
import io.tenure.api.journey.Milestone;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.ChurnRecord;
import io.tenure.api.revenue.Opportunity;
import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiRequest;
import io.tenure.api.rest.ApiResource;
import io.tenure.api.rest.ApiResponse;
import io.tenure.api.security.Role;
import io.tenure.api.task.Task;

/**
 * {@code /api/v1/accounts/{id}/timeline[?from=..&to=..]}: everything that happened to an account, oldest first:
 * movements, contacts joining and leaving, survey answers, tickets, conversations, milestones, handoffs, stage changes,
 * tasks, opportunities, referrals, advocacy, churn records and health scores.
 */
@Component(service = ApiResource.class, property = ApiResource.PATH + "=accounts/*/timeline",
        configurationPolicy = ConfigurationPolicy.IGNORE)
public class TimelineResource implements ApiResource {

    @Reference
    private DataStore store;

    public TimelineResource() {
    }

    public TimelineResource(DataStore store) {
        this.store = store;
    }

    /** One line of the timeline. */
    public record Event(LocalDate date, String kind, String title, String entity, String key) {
    }

    @Override
    public ApiResponse handle(ApiRequest request) throws ApiException {
        request.require(Role.VIEWER);
        if (!request.method().equals("GET") || request.path().size() != 1) {
            throw ApiException.notFound("GET /api/v1/accounts/{id}/timeline");
        }
        String id = request.path().get(0);
        if (store.repository(Account.TYPE).get(List.of(id)).isEmpty()) {
            throw ApiException.notFound("account '" + id + "' does not exist");
        }
        LocalDate from = request.date("from").orElse(LocalDate.MIN);
        LocalDate to = request.date("to").orElse(LocalDate.MAX);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Event e : timeline(id)) {
            if (!e.date().isBefore(from) && e.date().isBefore(to)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("date", e.date().toString());
                m.put("kind", e.kind());
                m.put("title", e.title());
                m.put("entity", e.entity());
                m.put("key", e.key());
                out.add(m);
            }
        }
        return ApiResponse.ok(Map.of("account_id", id, "events", out));
    }

    /** Every event of the account, oldest first. */
    public List<Event> timeline(String id) {
        List<Event> events = new ArrayList<>();
        for (ArrMovement m : store.repository(ArrMovement.TYPE).ofAccount(id)) {
            events.add(new Event(m.date(), "movement", Codes.code(m.type()) + m.kind().map(k -> " (" + Codes.code(k) + ")").orElse("")
                    + " " + m.signedAmount(), "movements", m.id()));
        }
        for (Contact c : store.repository(Contact.TYPE).ofAccount(id)) {
            c.joined().ifPresent(d -> events.add(new Event(d, "contact", c.name() + " joined as " + c.role().code(), "contacts", c.id())));
            c.left().ifPresent(d -> events.add(new Event(d, "contact", c.name() + " (" + c.role().code() + ") left", "contacts", c.id())));
        }
        for (SurveyResponse s : store.repository(SurveyResponse.TYPE).ofAccount(id)) {
            events.add(new Event(s.date(), "survey", Codes.code(s.kind()).toUpperCase(java.util.Locale.ROOT) + " " + s.score()
                    + s.comment().map(c -> ": " + c).orElse(""), "surveys", s.id()));
        }
        for (SupportTicket t : store.repository(SupportTicket.TYPE).ofAccount(id)) {
            events.add(new Event(t.opened().atZone(ZoneOffset.UTC).toLocalDate(), "ticket", Codes.code(t.severity()) + " ticket opened"
                    + t.subject().map(s -> ": " + s).orElse(""), "tickets", t.id()));
            t.resolved().ifPresent(r -> events.add(new Event(r.atZone(ZoneOffset.UTC).toLocalDate(), "ticket", "ticket resolved",
                    "tickets", t.id())));
        }
        for (Interaction i : store.repository(Interaction.TYPE).ofAccount(id)) {
            events.add(new Event(i.date(), "interaction", Codes.code(i.kind()) + i.mood().map(m -> " (" + Codes.code(m) + ")").orElse("")
                    + i.summary().map(s -> ": " + s).orElse(""), "interactions", i.id()));
        }
        for (Milestone m : store.repository(Milestone.TYPE).ofAccount(id)) {
            m.reached().ifPresent(d -> events.add(new Event(d, "milestone", m.name() + " reached" + (m.firstValue() ? " (first value)" : ""),
                    "milestones", m.id())));
        }
        for (Handoff h : store.repository(Handoff.TYPE).ofAccount(id)) {
            events.add(new Event(h.date(), "handoff", Codes.code(h.kind()).replace('_', ' ') + h.toOwner().map(o -> " to " + o).orElse(""),
                    "handoffs", h.id()));
        }
        for (StageChange s : store.repository(StageChange.TYPE).ofAccount(id)) {
            events.add(new Event(s.date(), "stage", s.from().map(f -> f.code() + " -> ").orElse("") + s.to().code()
                    + s.reason().map(r -> " (" + r + ")").orElse(""), "stage_changes", s.id()));
        }
        for (Task t : store.repository(Task.TYPE).ofAccount(id)) {
            events.add(new Event(t.created().atZone(ZoneOffset.UTC).toLocalDate(), "task", t.title() + " [" + t.playbook() + ", "
                    + Codes.code(t.status()) + ", owner " + t.owner() + "]", "tasks", t.id()));
        }
        for (Opportunity o : store.repository(Opportunity.TYPE).ofAccount(id)) {
            events.add(new Event(o.created(), "opportunity", Codes.code(o.kind()) + " opportunity " + o.amount() + " ("
                    + Codes.code(o.stage()) + ")", "opportunities", o.id()));
        }
        for (Referral r : store.repository(Referral.TYPE).ofAccount(id)) {
            events.add(new Event(r.date(), "referral", "referral of " + r.lead() + " (" + Codes.code(r.status()) + ")", "referrals", r.id()));
        }
        for (AdvocacyActivity a : store.repository(AdvocacyActivity.TYPE).ofAccount(id)) {
            events.add(new Event(a.date(), "advocacy", Codes.code(a.kind()).replace('_', ' '), "advocacy", a.id()));
        }
        for (ChurnRecord c : store.repository(ChurnRecord.TYPE).ofAccount(id)) {
            events.add(new Event(c.date(), "churn_record", Codes.code(c.type()) + " " + c.arrLost() + c.rootCause().map(r -> ": " + r)
                    .orElse(""), "churn_records", c.id()));
        }
        for (HealthScore h : store.repository(HealthScore.TYPE).ofAccount(id)) {
            events.add(new Event(h.date(), "health", "health " + h.score() + " (" + Codes.code(h.status()) + ")", "health_scores",
                    h.date().toString()));
        }
        events.sort(Comparator.comparing(Event::date).thenComparing(Event::kind));
        return events;
    }
}
