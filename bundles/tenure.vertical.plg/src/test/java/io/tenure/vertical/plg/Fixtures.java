package io.tenure.vertical.plg;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tenure.api.account.Account;
import io.tenure.api.account.JourneyStage;
import io.tenure.api.account.Vertical;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.money.Money;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.MovementKind;
import io.tenure.api.revenue.MovementSource;
import io.tenure.api.revenue.MovementType;
import io.tenure.api.revenue.Subscription;
import io.tenure.api.revenue.SubscriptionStatus;

/** Settings, workspaces, contracts, usage and movements for the PLG tests. */
final class Fixtures {
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);
    static final Clock CLOCK = Clock.fixed(AS_OF.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC);

    private Fixtures() {
    }

    static Plg plg(Map<String, Object> overrides) {
        return new Plg((Plg.Config) Proxy.newProxyInstance(Plg.Config.class.getClassLoader(), new Class<?>[] { Plg.Config.class },
                (p, m, a) -> m.getName().equals("annotationType") ? Plg.Config.class
                        : overrides.getOrDefault(m.getName(), m.getDefaultValue())));
    }

    /** Settings with the core features a, b and c (activation at 2). */
    static Plg plg() {
        return plg(Map.of("coreFeatures", "a, b, c"));
    }

    static CoreFeatures core(Plg plg) {
        return new CoreFeatures(plg, null, CLOCK);
    }

    static Account account(String id, String name, Vertical vertical) {
        return new Account(id, name, vertical, Optional.empty(), Optional.empty(), Optional.of("csm-1"), LocalDate.of(2024, 1, 1),
                JourneyStage.ADOPTION, Optional.empty(), Optional.empty());
    }

    static Account workspace(String id) {
        return account(id, id.toUpperCase(), Vertical.PLG);
    }

    static Subscription trial(String account, String id, LocalDate start, Long seats) {
        return new Subscription(account, id, "Workspace", Optional.of("Free trial"), Optional.ofNullable(seats),
                Money.ofMinor(0, "USD"), start, Optional.of(start.plusDays(14)), SubscriptionStatus.TRIAL);
    }

    static Subscription paid(String account, String id, long major, long seats, LocalDate start) {
        return new Subscription(account, id, "Workspace", Optional.of("Team"), Optional.of(seats), Money.ofMinor(major * 100, "USD"),
                start, Optional.of(start.plusYears(1)), SubscriptionStatus.ACTIVE);
    }

    static UsageRollup use(String account, LocalDate day, String feature, long users) {
        return new UsageRollup(account, day, feature, 10 * Math.max(1, users), users);
    }

    static ArrMovement move(String account, String id, LocalDate day, MovementType type, long major, MovementSource source) {
        return move(account, id, day, type, major, "USD", source);
    }

    static ArrMovement move(String account, String id, LocalDate day, MovementType type, long major, String currency,
            MovementSource source) {
        return new ArrMovement(account, id, day, type, type == MovementType.EXPANSION ? Optional.of(MovementKind.SEAT)
                : Optional.empty(), Money.ofMinor(major * 100, currency), source, Optional.empty());
    }

    /** One workspace's contracts and usage, as the measures and triggers see them. */
    static final class Book {
        final Account account;
        final List<Subscription> subs = new ArrayList<>();
        final List<UsageRollup> usage = new ArrayList<>();

        Book(Account account) {
            this.account = account;
        }

        Book sub(Subscription s) {
            subs.add(s);
            return this;
        }

        Book use(int daysAgo, String feature, long users) {
            usage.add(Fixtures.use(account.id(), AS_OF.minusDays(daysAgo), feature, users));
            return this;
        }

        AccountHistory history(LocalDate asOf) {
            return new AccountHistory(account, asOf, subs, usage, List.of(), List.of(), List.of(), List.of(), List.of());
        }

        AccountHistory history() {
            return history(AS_OF);
        }

        PlaybookContext context(LocalDate asOf) {
            return PlaybookContext.of(history(asOf));
        }

        PlaybookContext context() {
            return context(AS_OF);
        }
    }
}
