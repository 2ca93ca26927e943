package io.tenure.vertical.plg;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.account.Account;
import io.tenure.api.data.DataException;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.DemoContribution;
import io.tenure.api.data.Query;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.journey.Milestone;
import io.tenure.api.money.Money;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.MovementSource;
import io.tenure.api.revenue.MovementType;
import io.tenure.api.revenue.Subscription;
import io.tenure.api.revenue.SubscriptionStatus;

/**
 * The demo's trial history, on the demo's own PLG workspaces (no account and no ARR movement is added, so the revenue
 * metrics and logo counts stay as they were). Each workspace whose first {@code new} movement lies in the last
 * {@value #HISTORY_DAYS} days gets the trial that led to it: self-serve buyers convert after 2 to 20 days, sales-led
 * ones after 7 to 41, with the trial's usage ramping up to the team and features of its first paid week (only its
 * main feature when the workspace reached its first value more than 45 days after paying, or not at all). About a
 * third of the churned workspaces come back for a trial that has not converted (a quarter of those in the last 13
 * days), using their main feature with a share of the users they had before churning. Everything is read from the stored history and a per-workspace
 * random stream of the demo seed.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = DemoContribution.class)
public class PlgDemo implements DemoContribution {
    static final String PLAN = "Free trial";
    static final int HISTORY_DAYS = 540;
    /** A first value reached this long after the first new movement means the trial had not found the habit. */
    static final int FIRST_VALUE_DAYS = 45;
    /** Days of a trial with usage rows (day 1 is the day after the start). */
    private static final int[] USAGE_DAYS = { 1, 4, 8, 11 };

    /** What is stored of one workspace. */
    record History(List<ArrMovement> movements, List<Subscription> subscriptions, List<UsageRollup> usage,
            List<Milestone> milestones) {
    }

    /** What one workspace adds. */
    record Records(List<Subscription> subscriptions, List<UsageRollup> usage) {
    }

    @Reference
    private Plg plg;

    public PlgDemo() {
    }

    PlgDemo(Plg plg) {
        this.plg = plg;
    }

    @Override
    public String name() {
        return "plg trials";
    }

    @Override
    public boolean present(DataStore store) throws DataException {
        return store.repository(Subscription.TYPE).count(Query.all().where("status", "trial").where("plan", PLAN)) > 0;
    }

    @Override
    public long contribute(DataStore store, List<Account> accounts, LocalDate asOf, long seed) throws DataException {
        List<Subscription> subscriptions = new ArrayList<>();
        List<UsageRollup> usage = new ArrayList<>();
        for (Account a : accounts) {
            if (!Workspaces.plg(a)) {
                continue;
            }
            Records r = records(plg.config(), a, new History(store.repository(ArrMovement.TYPE).ofAccount(a.id()),
                    store.repository(Subscription.TYPE).ofAccount(a.id()), store.repository(UsageRollup.TYPE).ofAccount(a.id()),
                    store.repository(Milestone.TYPE).ofAccount(a.id())), asOf, seed);
            subscriptions.addAll(r.subscriptions());
            usage.addAll(r.usage());
        }
        long stored = subscriptions.isEmpty() ? 0 : store.saveAll(Subscription.TYPE, subscriptions);
        return stored + (usage.isEmpty() ? 0 : store.saveAll(UsageRollup.TYPE, usage));
    }

    /** The trials of one workspace and their usage, from its stored movements, contracts and usage. */
    static Records records(Plg.Config c, Account a, History history, LocalDate asOf, long seed) {
        List<UsageRollup> usage = history.usage();
        SplittableRandom r = new SplittableRandom(seed ^ (a.id().hashCode() * 0x9E3779B97F4A7C15L));
        List<ArrMovement> ledger = history.movements().stream().sorted(Comparator.comparing(ArrMovement::date)
                .thenComparing(ArrMovement::id)).toList();
        String product = history.subscriptions().stream().map(Subscription::product).findFirst().orElse("Workspace");
        Set<String> taken = new HashSet<>();
        usage.forEach(u -> taken.add(u.date() + "|" + u.feature()));
        List<Subscription> trials = new ArrayList<>();
        List<UsageRollup> rows = new ArrayList<>();
        Optional<ArrMovement> first = ledger.stream().filter(m -> m.type() == MovementType.NEW).findFirst();
        if (first.isPresent() && !first.get().date().isBefore(asOf.minusDays(HISTORY_DAYS))) {
            ArrMovement m = first.get();
            int days = m.source() == MovementSource.SELF_SERVE ? 2 + r.nextInt(19) : 7 + r.nextInt(35);
            LocalDate start = m.date().minusDays(days);
            Subscription trial = trial(a, a.id() + "-trial", product, start, c, m.amount());
            trials.add(trial);
            // the trial ramps up to the team and features of the first paid week
            Optional<LocalDate> week = usage.stream().filter(u -> u.feature().equals(UsageRollup.ALL_FEATURES)
                    && !u.date().isBefore(m.date())).map(UsageRollup::date).min(Comparator.naturalOrder());
            // a workspace that reached its first value late (or never) had not found its habit in the trial either
            LocalDate deadline = m.date().plusDays(FIRST_VALUE_DAYS);
            boolean habit = !deadline.isBefore(asOf) || history.milestones().stream().anyMatch(ms -> ms.firstValue()
                    && ms.reached().filter(d -> !d.isAfter(deadline)).isPresent());
            if (week.isPresent()) {
                trialUsage(a, trial, week.get(), usage, Workspaces.min(m.date(), asOf), 0.3, 0.2, habit ? Integer.MAX_VALUE : 1,
                        r, taken, rows);
            }
        }
        ArrMovement last = ledger.isEmpty() ? null : ledger.get(ledger.size() - 1);
        if (last != null && last.type() == MovementType.CHURN && last.date().isBefore(asOf.minusDays(31))
                && r.nextDouble() < 0.35) {
            LocalDate earliest = last.date().plusDays(30);
            long span = ChronoUnit.DAYS.between(earliest, asOf);
            LocalDate start = r.nextDouble() < 0.25 ? asOf.minusDays(1 + r.nextInt(13)) : earliest.plusDays(r.nextLong(span));
            start = Workspaces.max(start, earliest);
            Subscription trial = trial(a, a.id() + "-retrial", product, start, c, last.amount());
            trials.add(trial);
            Optional<LocalDate> week = usage.stream().filter(u -> u.feature().equals(UsageRollup.ALL_FEATURES)
                    && u.date().isBefore(last.date())).map(UsageRollup::date).max(Comparator.naturalOrder());
            if (week.isPresent()) {
                trialUsage(a, trial, week.get(), usage, asOf, 0.1, 0.1 + 0.5 * r.nextDouble(), 1, r, taken, rows);
            }
        }
        return new Records(trials, rows);
    }

    private static Subscription trial(Account a, String id, String product, LocalDate start, Plg.Config c, Money like) {
        return new Subscription(a.id(), id, product, Optional.of(PLAN), Optional.empty(), Money.ofMinor(0,
                like.currency().getCurrencyCode()), start, Optional.of(start.plusDays(c.trialLengthDays())),
                SubscriptionStatus.TRIAL);
    }

    /**
     * Usage rows on the trial's usage days before {@code until} and its end: active users ramping from {@code from} to
     * {@code from + rise} of the users of the model week, and one more of the model week's features each time, up to
     * {@code most}.
     */
    private static void trialUsage(Account a, Subscription trial, LocalDate model, List<UsageRollup> usage, LocalDate until,
            double from, double rise, int most, SplittableRandom r, Set<String> taken, List<UsageRollup> rows) {
        long team = usage.stream().filter(u -> u.date().equals(model) && u.feature().equals(UsageRollup.ALL_FEATURES))
                .mapToLong(UsageRollup::activeUsers).max().orElse(0);
        List<String> features = usage.stream().filter(u -> u.date().equals(model) && u.events() > 0
                && !u.feature().equals(UsageRollup.ALL_FEATURES)).sorted(Comparator.comparing(UsageRollup::events).reversed()
                        .thenComparing(UsageRollup::feature)).map(UsageRollup::feature).toList();
        LocalDate end = Workspaces.min(until, trial.renewal().orElseThrow());
        for (int i = 0; i < USAGE_DAYS.length; i++) {
            LocalDate day = trial.start().plusDays(USAGE_DAYS[i]);
            if (!day.isBefore(end) || taken.contains(day + "|" + UsageRollup.ALL_FEATURES)) {
                break;
            }
            double share = from + rise * i / (USAGE_DAYS.length - 1.0);
            long users = Math.max(1, Math.round(team * share * (0.9 + 0.2 * r.nextDouble())));
            long total = 0;
            for (String f : features.subList(0, Math.min(features.size(), Math.min(most, i + 1)))) {
                long events = Math.max(1, users * (4 + r.nextInt(8)));
                if (taken.add(day + "|" + f)) {
                    rows.add(new UsageRollup(a.id(), day, f, events, users));
                    total += events;
                }
            }
            rows.add(new UsageRollup(a.id(), day, UsageRollup.ALL_FEATURES, total, users));
            taken.add(day + "|" + UsageRollup.ALL_FEATURES);
        }
    }
}
