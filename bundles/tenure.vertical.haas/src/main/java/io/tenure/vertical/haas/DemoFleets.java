package io.tenure.vertical.haas;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

import io.tenure.api.account.Account;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.money.Money;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.MovementType;

/**
 * Generates one account's demo fleet from its stored history, deterministically (the same account, history, day and
 * seed give the same records). Devices follow the ARR ledger: installed with the new contract and expansions, one per
 * $15K of peak ARR (at least 2, at most {@value #MAX_DEVICES}), retired by contractions and churn; each costs 25-45%
 * of the ARR it carries per year. Daily uptime and faults cover the last {@value #DAYS} days. How much goes wrong
 * follows a stress level read from the account's history, never from a health score: the share of licensed seats
 * active in its weekly usage, and an ARR contraction or churn in the 120 days after the day (trouble precedes the
 * loss), with noise. Firmware lags more on stressed accounts; faults bring field visits, repeated faults on one
 * device an RMA and a replacement shipment; spares ship now and then, slower when stressed.
 */
final class DemoFleets {
    static final int DAYS = 90;
    static final int MAX_DEVICES = 12;
    static final long ARR_PER_DEVICE_MAJOR = 15_000;
    private static final String[] FIRMWARE = { "4.0", "4.1", "4.2", "4.3" };
    private static final int[] FIRMWARE_AGE = { 420, 300, 170, 75 };
    private static final String[] FIXES = { "Replaced power supply", "Reseated modem and antenna", "Swapped sensor board",
        "Cleared jammed feeder", "Reflashed firmware on site", "Replaced cooling fan" };

    /** The records generated for one account. */
    record Output(List<Device> devices, List<DeviceDay> days, List<ServiceEvent> events) {
        long size() {
            return devices.size() + days.size() + events.size();
        }
    }

    private DemoFleets() {
    }

    /** One device while it is simulated. */
    private static final class Sim {
        final String id;
        final LocalDate installed;
        LocalDate retired;
        boolean lemon;
        boolean inRepair;

        Sim(String id, LocalDate installed) {
            this.id = id;
            this.installed = installed;
        }

        boolean inFleetOn(LocalDate day) {
            return !installed.isAfter(day) && (retired == null || retired.isAfter(day));
        }
    }

    /**
     * @param usage the account's usage rollups (its daily or weekly totals, feature {@code *}, are read)
     * @param seats seats licensed by its contracts
     */
    static Output generate(Account account, List<ArrMovement> movements, List<UsageRollup> usage, long seats, LocalDate asOf,
            long seed) {
        List<ArrMovement> ledger = movements.stream().filter(m -> m.date().isBefore(asOf))
                .sorted(Comparator.comparing(ArrMovement::date).thenComparing(ArrMovement::id)).toList();
        long arr = 0;
        long peak = 0;
        for (ArrMovement m : ledger) {
            arr += m.signedAmount().minorUnits();
            peak = Math.max(peak, arr);
        }
        if (peak <= 0) {
            return new Output(List.of(), List.of(), List.of());
        }
        String currency = ledger.get(0).amount().currency().getCurrencyCode();
        long minorPerMajor = (long) Math.pow(10, Money.currency(currency).getDefaultFractionDigits());
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ account.id().hashCode());
        long target = Math.max(2, Math.min(MAX_DEVICES, Math.round((double) peak / (ARR_PER_DEVICE_MAJOR * minorPerMajor))));
        long unitArr = peak / target;
        double costShare = 0.25 + 0.2 * r.nextDouble();
        Stress stress = new Stress(usage, seats, ledger, 0.05 * r.nextGaussian());

        List<Sim> sims = new ArrayList<>();
        for (ArrMovement m : ledger) {
            long k = Math.round((double) m.amount().minorUnits() / unitArr);
            switch (m.type()) {
                case NEW, REACTIVATION, EXPANSION -> {
                    long add = m.type() == MovementType.EXPANSION ? k : Math.max(1, k);
                    for (int i = 0; i < add; i++) {
                        LocalDate on = m.date().plusDays(r.nextInt(15));
                        sims.add(new Sim(account.id() + "-d" + String.format(Locale.ROOT, "%03d", sims.size() + 1),
                                on.isBefore(asOf) ? on : m.date()));
                    }
                }
                case CONTRACTION -> retire(sims, m.date(), k, true);
                case CHURN -> retire(sims, m.date(), Long.MAX_VALUE, false);
            }
        }
        Generator g = new Generator(account.id(), asOf, r, stress);
        List<Device> devices = new ArrayList<>();
        for (Sim s : sims) {
            s.lemon = r.nextDouble() < 0.03 + 0.06 * stress.at(asOf.minusDays(1));
            g.simulate(s);
            devices.add(device(s, unitArr, costShare, currency, minorPerMajor, r, stress, g));
        }
        g.logistics(sims);
        return new Output(devices, g.days, g.events);
    }

    private static void retire(List<Sim> sims, LocalDate day, long count, boolean keepOne) {
        List<Sim> active = new ArrayList<>(sims.stream().filter(s -> s.inFleetOn(day) || s.installed.isAfter(day) && s.retired == null)
                .toList());
        active.sort(Comparator.comparing((Sim s) -> s.installed).reversed());
        long retire = Math.min(count, keepOne ? active.size() - 1L : active.size());
        for (int i = 0; i < retire; i++) {
            Sim s = active.get(i);
            s.retired = s.installed.isAfter(day) ? s.installed : day;
        }
    }

    private static Device device(Sim s, long unitArr, double costShare, String currency, long minorPerMajor, SplittableRandom r,
            Stress stress, Generator g) {
        String model = unitArr >= 40_000 * minorPerMajor ? "IC-900 industrial controller"
                : unitArr >= 8_000 * minorPerMajor ? "EG-500 edge gateway" : "SH-100 sensor hub";
        long cost = Math.round(unitArr * costShare * (0.95 + 0.1 * r.nextDouble()) / minorPerMajor) * minorPerMajor;
        String serial = "SN-" + Long.toHexString(0x10000000L + r.nextLong(0xEFFFFFFFL)).toUpperCase(Locale.ROOT);
        LocalDate end = s.retired == null ? g.asOf : s.retired;
        double lag = stress.at(end.minusDays(1));
        double u = r.nextDouble();
        int pick = u < 0.55 - 0.4 * lag ? 3 : u < 0.8 - 0.3 * lag ? 2 : u < 0.92 ? 1 : 0;
        Optional<String> version = Optional.empty();
        Optional<LocalDate> released = Optional.empty();
        Optional<LocalDate> installed = Optional.empty();
        for (int f = pick; f >= 0 && version.isEmpty(); f--) {
            LocalDate rel = g.asOf.minusDays(FIRMWARE_AGE[f]);
            LocalDate on = rel.plusDays(3 + r.nextInt(28));
            on = on.isBefore(s.installed) ? s.installed : on;
            if (on.isBefore(end) && !rel.isAfter(on)) {
                version = Optional.of(FIRMWARE[f]);
                released = Optional.of(rel);
                installed = Optional.of(on);
                if (on.isAfter(s.installed) && !on.isBefore(g.asOf.minusDays(DAYS))) {
                    g.event(s.id, ServiceKind.FIRMWARE_UPDATE, on, Optional.of(on), "Updated to firmware " + FIRMWARE[f]);
                }
            }
        }
        DeviceStatus status = s.retired != null ? DeviceStatus.RETIRED : s.inRepair ? DeviceStatus.IN_REPAIR : DeviceStatus.ACTIVE;
        return new Device(g.accountId, s.id, model, Optional.of(serial), s.installed, Optional.ofNullable(s.retired), version,
                released, installed, status, Optional.of(Money.ofMinor(cost, currency)));
    }

    /** The account's stress on a day, 0 (all well) to 1, from its usage and its ARR losses; see the class comment. */
    static final class Stress {
        private final List<UsageRollup> totals;
        private final long seats;
        private final List<ArrMovement> losses;
        private final double noise;

        Stress(List<UsageRollup> usage, long seats, List<ArrMovement> ledger, double noise) {
            this.totals = usage.stream().filter(u -> u.feature().equals(UsageRollup.ALL_FEATURES))
                    .sorted(Comparator.comparing(UsageRollup::date)).toList();
            this.seats = seats;
            this.losses = ledger.stream().filter(m -> m.type() == MovementType.CONTRACTION || m.type() == MovementType.CHURN)
                    .toList();
            this.noise = noise;
        }

        double at(LocalDate day) {
            double usageRisk = 0.2;
            if (seats > 0) {
                for (UsageRollup u : totals) {
                    if (u.date().isAfter(day)) {
                        break;
                    }
                    usageRisk = clamp((0.9 - (double) u.activeUsers() / seats) / 0.75);
                }
            }
            double ahead = 0;
            for (ArrMovement m : losses) {
                long days = ChronoUnit.DAYS.between(day, m.date());
                if (days >= 0 && days <= 120) {
                    ahead = Math.max(ahead, (m.type() == MovementType.CHURN ? 0.45 : 0.3) * (1 - days / 120.0));
                }
            }
            return clamp(0.75 * usageRisk + ahead + noise);
        }

        private static double clamp(double v) {
            return Math.max(0, Math.min(1, v));
        }
    }

    /** Writes days and events for the devices of one account. */
    private static final class Generator {
        final String accountId;
        final LocalDate asOf;
        final LocalDate first;
        final SplittableRandom r;
        final Stress stress;
        final List<DeviceDay> days = new ArrayList<>();
        final List<ServiceEvent> events = new ArrayList<>();
        int seq;

        Generator(String accountId, LocalDate asOf, SplittableRandom r, Stress stress) {
            this.accountId = accountId;
            this.asOf = asOf;
            this.first = asOf.minusDays(DAYS);
            this.r = r;
            this.stress = stress;
        }

        void simulate(Sim s) {
            Deque<LocalDate> recent = new ArrayDeque<>();
            LocalDate lastVisit = null;
            LocalDate renewalDone = null;
            for (LocalDate d = first; d.isBefore(asOf); d = d.plusDays(1)) {
                if (!s.inFleetOn(d)) {
                    continue;
                }
                if (renewalDone != null && !d.isBefore(renewalDone)) {
                    s.lemon = false;
                    recent.clear();
                    renewalDone = null;
                    s.inRepair = false;
                }
                double level = stress.at(d);
                double p = (0.006 + 0.1 * level) * (s.lemon ? 5 : 1);
                long faults = r.nextDouble() < p ? (r.nextDouble() < 0.25 ? 2 : 1) : 0;
                long down = faults == 0 ? 0 : faults * (10 + r.nextInt(40 + (int) (500 * level)));
                if (r.nextDouble() < 0.002 + 0.01 * level) {
                    down += 120 + r.nextInt(600);
                }
                days.add(new DeviceDay(accountId, s.id, d, DeviceDay.MINUTES - Math.min(DeviceDay.MINUTES, down), faults));
                if (faults == 0) {
                    continue;
                }
                for (long i = 0; i < faults; i++) {
                    recent.addLast(d);
                }
                while (!recent.isEmpty() && recent.peekFirst().isBefore(d.minusDays(29))) {
                    recent.removeFirst();
                }
                if ((lastVisit == null || lastVisit.isBefore(d.minusDays(5))) && r.nextDouble() < 0.2 + 0.3 * level) {
                    lastVisit = d;
                    event(s.id, ServiceKind.FIELD_SERVICE, d, closes(d, 1 + r.nextInt(3 + (int) (6 * level))),
                            FIXES[r.nextInt(FIXES.length)]);
                }
                if (recent.size() >= 3 && !s.inRepair && r.nextDouble() < 0.7) {
                    LocalDate opened = d.plusDays(1);
                    if (!opened.isBefore(asOf)) {
                        continue;
                    }
                    Optional<LocalDate> done = closes(opened, 2 + r.nextInt(4 + (int) (10 * level)));
                    event(s.id, ServiceKind.RMA, opened, done, "Returned after " + recent.size() + " faults in 30 days");
                    event(s.id, ServiceKind.REPLACEMENT, opened, done, "Replacement unit shipped");
                    s.inRepair = true;
                    renewalDone = done.map(x -> x.plusDays(1)).orElse(null);
                }
            }
        }

        /** Spares and swaps shipped to the account now and then; slower to arrive when it is stressed. */
        void logistics(List<Sim> sims) {
            for (LocalDate block = first; block.isBefore(asOf); block = block.plusDays(30)) {
                LocalDate opened = block.plusDays(r.nextInt(30));
                final LocalDate day = opened;
                if (!opened.isBefore(asOf) || sims.stream().noneMatch(s -> s.inFleetOn(day))) {
                    continue;
                }
                double level = stress.at(opened);
                if (r.nextDouble() < 0.35 + 0.4 * level) {
                    event(null, ServiceKind.LOGISTICS, opened, closes(opened, 1 + r.nextInt(3 + (int) (10 * level))),
                            "Spares and consumables delivered");
                }
            }
        }

        private Optional<LocalDate> closes(LocalDate opened, int days) {
            LocalDate on = opened.plusDays(days);
            return on.isBefore(asOf) ? Optional.of(on) : Optional.empty();
        }

        void event(String deviceId, ServiceKind kind, LocalDate opened, Optional<LocalDate> resolved, String outcome) {
            String id = accountId + "-e" + String.format(Locale.ROOT, "%04d", ++seq);
            events.add(new ServiceEvent(accountId, id, Optional.ofNullable(deviceId), kind, opened, resolved,
                    resolved.map(x -> outcome)));
        }
    }
}
