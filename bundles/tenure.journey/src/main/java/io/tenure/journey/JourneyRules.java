package io.tenure.journey;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tenure.api.account.Account;
import io.tenure.api.account.JourneyStage;
import io.tenure.api.account.StageChange;
import io.tenure.api.advocacy.AdvocacyActivity;
import io.tenure.api.advocacy.Referral;
import io.tenure.api.data.DataException;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.Query;
import io.tenure.api.engagement.SurveyResponse;
import io.tenure.api.journey.Milestone;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.Subscription;
import io.tenure.api.revenue.SubscriptionStatus;

/**
 * Rule-driven stage transitions, applied on a schedule (once per cluster) and on demand: churned when the account no
 * longer pays; pre-sale before signature; onboarding until the first value moment; renewal & expansion inside the
 * renewal window; advocacy for a promoter (NPS 9-10 in the last year) who referred or advocated in the last year;
 * adoption otherwise. Each change updates the account and records a stage change with the rule as its reason. An
 * account whose stage a person set in the last 30 days is left alone.
 */
@Component(service = JourneyRules.class, configurationPid = JourneyConfig.PID)
public class JourneyRules {
    private static final Logger LOG = LoggerFactory.getLogger(JourneyRules.class);
    static final String MANUAL = "manual: ";

    @Reference
    private DataStore store;

    private final Clock clock;
    private volatile JourneyConfig config;
    private ScheduledExecutorService scheduler;

    public JourneyRules() {
        this.clock = Clock.systemUTC();
    }

    public JourneyRules(DataStore store, JourneyConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    @Activate
    void activate(JourneyConfig changed) {
        this.config = changed;
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tenure-journey-rules");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                Optional<AutoCloseable> lock = store.tryLock("tenure-journey-rules");
                if (lock.isPresent()) {
                    try (AutoCloseable held = lock.get()) {
                        apply(LocalDate.now(clock));
                    }
                }
            } catch (Exception e) {
                LOG.warn("Journey rules failed: {}", e.getMessage());
            }
        }, 1, 60, TimeUnit.MINUTES);
    }

    @Deactivate
    void deactivate() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** The stage the rules give an account on {@code day}, with the rule's name. */
    record Derived(JourneyStage stage, String rule) {
    }

    /** Applies the rules as of {@code day}. @return the stage changes made */
    public List<StageChange> apply(LocalDate day) throws DataException {
        Map<String, Long> arr = new HashMap<>();
        Map<String, Boolean> everPaid = new HashMap<>();
        store.repository(ArrMovement.TYPE).forEach(Query.all(), m -> {
            if (!m.date().isAfter(day)) {
                arr.merge(m.accountId(), m.signedAmount().minorUnits(), Long::sum);
                everPaid.put(m.accountId(), true);
            }
        });
        Set<String> reachedValue = new HashSet<>();
        store.repository(Milestone.TYPE).forEach(Query.all().where("first_value", "true"), m -> {
            if (m.reached().filter(d -> !d.isAfter(day)).isPresent()) {
                reachedValue.add(m.accountId());
            }
        });
        Set<String> renewing = new HashSet<>();
        store.repository(Subscription.TYPE).forEach(Query.all(), s -> {
            if (s.status() == SubscriptionStatus.ACTIVE && s.renewal().filter(r -> !r.isBefore(day)
                    && !r.isAfter(day.plusDays(config.renewalWindowDays()))).isPresent()) {
                renewing.add(s.accountId());
            }
        });
        Set<String> promoters = new HashSet<>();
        store.repository(SurveyResponse.TYPE).forEach(Query.all(), s -> {
            if (s.promoter() && !s.date().isAfter(day) && s.date().isAfter(day.minusYears(1))) {
                promoters.add(s.accountId());
            }
        });
        Set<String> advocates = new HashSet<>();
        store.repository(Referral.TYPE).forEach(Query.all(), r -> {
            if (!r.date().isAfter(day) && r.date().isAfter(day.minusYears(1))) {
                advocates.add(r.accountId());
            }
        });
        store.repository(AdvocacyActivity.TYPE).forEach(Query.all(), a -> {
            if (!a.date().isAfter(day) && a.date().isAfter(day.minusYears(1))) {
                advocates.add(a.accountId());
            }
        });
        Set<String> manual = new HashSet<>();
        store.repository(StageChange.TYPE).forEach(Query.all(), s -> {
            if (s.reason().filter(r -> r.startsWith(MANUAL)).isPresent() && s.date().isAfter(day.minusDays(30))) {
                manual.add(s.accountId());
            }
        });
        List<Account> accounts = new ArrayList<>();
        store.repository(Account.TYPE).forEach(Query.all(), accounts::add);
        List<StageChange> changes = new ArrayList<>();
        List<Account> updated = new ArrayList<>();
        for (Account a : accounts) {
            if (manual.contains(a.id())) {
                continue;
            }
            Derived d;
            if (a.signedDate().isAfter(day)) {
                d = new Derived(JourneyStage.PRE_SALE, "not signed yet");
            } else if (everPaid.getOrDefault(a.id(), false) && arr.getOrDefault(a.id(), 0L) <= 0) {
                d = new Derived(JourneyStage.CHURNED, "no recurring revenue left");
            } else if (!reachedValue.contains(a.id())) {
                d = new Derived(JourneyStage.ONBOARDING, "first value not reached yet");
            } else if (renewing.contains(a.id())) {
                d = new Derived(JourneyStage.RENEWAL_EXPANSION, "renewal within " + config.renewalWindowDays() + " days");
            } else if (promoters.contains(a.id()) && advocates.contains(a.id())) {
                d = new Derived(JourneyStage.ADVOCACY, "promoter who referred or advocated in the last year");
            } else {
                d = new Derived(JourneyStage.ADOPTION, "first value reached");
            }
            if (d.stage() != a.stage()) {
                changes.add(new StageChange(a.id(), "rule-" + day + "-" + d.stage().code(), day, Optional.of(a.stage()), d.stage(),
                        Optional.of("rule: " + d.rule())));
                updated.add(new Account(a.id(), a.name(), a.vertical(), a.segment(), a.touchModel(), a.owner(), a.signedDate(),
                        d.stage(), a.strategicReason(), a.complexityReason()));
            }
        }
        if (!updated.isEmpty()) {
            store.saveAll(Account.TYPE, updated);
            store.saveAll(StageChange.TYPE, changes);
            LOG.info("Journey rules moved {} accounts as of {}", changes.size(), day);
        }
        return changes;
    }

    /** A person moves an account to a stage, with a reason; the rules leave it alone for 30 days. */
    public StageChange move(String accountId, JourneyStage to, String reason, LocalDate day) throws DataException {
        Account a = store.repository(Account.TYPE).get(List.of(accountId))
                .orElseThrow(() -> new DataException("account '" + accountId + "' does not exist"));
        if (reason == null || reason.isBlank()) {
            throw new DataException("a manual stage change needs a reason");
        }
        StageChange change = new StageChange(accountId, "manual-" + day + "-" + to.code(), day, Optional.of(a.stage()), to,
                Optional.of(MANUAL + reason.strip()));
        store.repository(Account.TYPE).save(new Account(a.id(), a.name(), a.vertical(), a.segment(), a.touchModel(), a.owner(),
                a.signedDate(), to, a.strategicReason(), a.complexityReason()));
        store.repository(StageChange.TYPE).save(change);
        return change;
    }
}
