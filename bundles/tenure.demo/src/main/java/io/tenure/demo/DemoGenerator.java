package io.tenure.demo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import io.tenure.api.account.Account;
import io.tenure.api.account.Contact;
import io.tenure.api.account.ContactRole;
import io.tenure.api.account.Csm;
import io.tenure.api.account.JourneyStage;
import io.tenure.api.account.Segment;
import io.tenure.api.account.Seniority;
import io.tenure.api.account.StageChange;
import io.tenure.api.account.TouchModel;
import io.tenure.api.account.Vertical;
import io.tenure.api.advocacy.AdvocacyActivity;
import io.tenure.api.advocacy.AdvocacyKind;
import io.tenure.api.advocacy.Referral;
import io.tenure.api.advocacy.ReferralStatus;
import io.tenure.api.engagement.Interaction;
import io.tenure.api.engagement.InteractionKind;
import io.tenure.api.engagement.SupportTicket;
import io.tenure.api.engagement.SurveyKind;
import io.tenure.api.engagement.SurveyResponse;
import io.tenure.api.engagement.TicketSeverity;
import io.tenure.api.engagement.Tone;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.journey.Handoff;
import io.tenure.api.journey.HandoffKind;
import io.tenure.api.journey.Milestone;
import io.tenure.api.money.Money;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.ChurnRecord;
import io.tenure.api.revenue.ChurnType;
import io.tenure.api.revenue.MovementKind;
import io.tenure.api.revenue.MovementSource;
import io.tenure.api.revenue.MovementType;
import io.tenure.api.revenue.Opportunity;
import io.tenure.api.revenue.OpportunityStage;
import io.tenure.api.revenue.Subscription;
import io.tenure.api.revenue.SubscriptionStatus;
import io.tenure.api.task.Task;
import io.tenure.api.task.TaskStatus;

/**
 * A deterministic, realistic customer base: the same seed, size and as-of date give the same data.
 *
 * <p>Each account is simulated month by month over three years (plus a year of accounts signed before, so the first
 * periods have a starting cohort). A hidden risk level follows a random walk whose drift depends on how well the
 * customer fits; everything observable is drawn from it with noise: weekly usage falls as risk rises, NPS answers and
 * ticket tone sour, meaningful conversations thin out to a single contact, and champions leave more often (which in
 * turn raises the risk). Voluntary churn is decided at each annual renewal from the risk, so warning signals precede
 * it the way DOMAIN.md describes without the generator knowing any health score; involuntary churn (failed payments)
 * strikes small accounts almost at random. Healthy accounts expand; strained ones contract; some churned accounts come
 * back.
 */
public final class DemoGenerator {
    public static final long DEFAULT_SEED = 20261125L;
    public static final int DEFAULT_ACCOUNTS = 2500;
    static final String CURRENCY = "USD";
    /** Weeks of usage history (older usage is not generated to keep the data set small). */
    static final int USAGE_WEEKS = 78;

    private static final String[] PREFIX = { "North", "Blue", "Bright", "Silver", "Iron", "Clear", "Summit", "Harbor",
        "Cedar", "Atlas", "Nova", "Prime", "Vertex", "Lumen", "Polar", "Granite", "Swift", "Quantum", "Terra", "Orchid" };
    private static final String[] STEM = { "wind", "field", "stone", "bridge", "gate", "point", "line", "wave", "path",
        "forge", "peak", "light", "river", "works", "craft", "leaf", "core", "view", "spark", "grid" };
    private static final String[] SUFFIX = { "Analytics", "Logistics", "Health", "Retail", "Energy", "Labs", "Foods",
        "Robotics", "Media", "Finance", "Travel", "Systems", "Mobility", "Bio", "Markets", "Devices" };
    private static final String[] FIRST = { "Ana", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines",
        "Jonas", "Kira", "Liam", "Maya", "Nils", "Olga", "Pablo", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera" };
    private static final String[] LAST = { "Ahmed", "Berg", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hansen",
        "Ito", "Jensen", "Kowalski", "Lopez", "Meyer", "Novak", "Okafor", "Park", "Rossi", "Silva", "Tanaka", "Weber" };
    private static final String[] FEEDBACK = { "reporting", "api-limits", "pricing", "sso", "performance", "mobile",
        "integrations", "permissions" };

    private final long seed;
    private final int accounts;
    private final LocalDate asOf;
    private final LocalDate start;
    private final List<Csm> csms = new ArrayList<>();
    private final List<List<String>> pools = new ArrayList<>();

    public DemoGenerator(long seed, int accounts, LocalDate asOf) {
        if (accounts < 1 || accounts > 1_000_000) {
            throw new IllegalArgumentException("accounts " + accounts + " is not between 1 and 1000000");
        }
        this.seed = seed;
        this.accounts = accounts;
        this.asOf = asOf;
        this.start = asOf.minusYears(3);
        buildCsms();
    }

    public int accounts() {
        return accounts;
    }

    public LocalDate asOf() {
        return asOf;
    }

    /** The CSMs, sized to the coverage defaults of DOMAIN.md §7 for the expected mix of segments. */
    public List<Csm> csms() {
        return csms;
    }

    private void buildCsms() {
        // expected share of each segment (see segment()) and accounts per CSM
        double[] share = { 0.12, 0.28, 0.36, 0.24 };
        int[] perCsm = { 10, 35, 130, 600 };
        Segment[] segments = Segment.values();
        SplittableRandom r = new SplittableRandom(seed);
        int n = 0;
        for (int s = 0; s < segments.length; s++) {
            int count = Math.max(1, (int) Math.ceil(accounts * share[s] / perCsm[s]));
            List<String> pool = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = "csm-" + String.format("%03d", ++n);
                pool.add(id);
                long cost = 150_000 + r.nextInt(100_001);
                csms.add(new Csm(id, FIRST[r.nextInt(FIRST.length)] + " " + LAST[r.nextInt(LAST.length)],
                        Optional.of(id + "@vendor.example"), Optional.of(segments[s]), Optional.of((long) perCsm[s]),
                        s <= 1 && r.nextDouble() < 0.4, Optional.of(Money.ofMinor(cost * 100, CURRENCY)), 20));
            }
            pools.add(pool);
        }
    }

    /** Generates accounts {@code [from, to)} and everything that belongs to them into {@code out}. */
    public void generate(int from, int to, DemoData out) {
        for (int i = from; i < to; i++) {
            new AccountSim(i, out).run();
        }
    }

    /** One account's life. */
    private final class AccountSim {
        final SplittableRandom r;
        final DemoData out;
        final String id;
        final Vertical vertical;
        final Segment segment;
        final LocalDate signed;
        final boolean goodFit;
        final String owner;
        double risk;
        final double drift;
        long arr; // minor units
        long seats;
        final List<ContactSim> contacts = new ArrayList<>();
        final double[] riskByMonth;
        final boolean[] activeByMonth;
        int seq;
        LocalDate lastStart;
        JourneyStage stage = JourneyStage.ONBOARDING;
        LocalDate firstValue;
        boolean churned;
        LocalDate reactivateOn;
        long churnedArr;
        boolean promoter;

        AccountSim(int index, DemoData out) {
            this.r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
            this.out = out;
            this.id = String.format("acct-%06d", index + 1);
            this.vertical = pick(new Vertical[] { Vertical.ENTERPRISE, Vertical.PLG, Vertical.MARKETPLACE, Vertical.HAAS },
                    new double[] { 0.22, 0.38, 0.2, 0.2 });
            this.segment = segment();
            LocalDate earliest = start.minusYears(1);
            this.signed = earliest.plusDays(r.nextLong(ChronoUnit.DAYS.between(earliest, asOf.minusDays(20))));
            this.goodFit = r.nextDouble() < 0.7;
            this.risk = goodFit ? 0.05 + 0.3 * r.nextDouble() : 0.35 + 0.25 * r.nextDouble();
            this.drift = goodFit ? -0.006 : 0.018;
            List<String> pool = pools.get(segment.ordinal());
            this.owner = pool.get(index % pool.size());
            int months = (int) ChronoUnit.MONTHS.between(signed.withDayOfMonth(1), asOf.withDayOfMonth(1)) + 1;
            this.riskByMonth = new double[months + 1];
            this.activeByMonth = new boolean[months + 1];
        }

        private Segment segment() {
            return switch (vertical) {
                case ENTERPRISE -> pick(Segment.values(), new double[] { 0.45, 0.45, 0.1, 0 });
                case PLG -> pick(Segment.values(), new double[] { 0, 0.1, 0.4, 0.5 });
                case MARKETPLACE -> pick(Segment.values(), new double[] { 0, 0.25, 0.45, 0.3 });
                case HAAS -> pick(Segment.values(), new double[] { 0.1, 0.45, 0.35, 0.1 });
            };
        }

        void run() {
            arr = initialArr();
            seats = Math.max(3, arr / 100 / seatPrice());
            lastStart = signed;
            createContacts();
            movement(signed, MovementType.NEW, Optional.empty(), arr,
                    vertical == Vertical.PLG && segment.ordinal() >= 2 ? MovementSource.SELF_SERVE : MovementSource.SALES_LED);
            stageChange(signed, Optional.of(JourneyStage.PRE_SALE), JourneyStage.ONBOARDING, "contract signed");
            handoffs();
            milestones();
            int months = riskByMonth.length - 1;
            for (int m = 0; m <= months; m++) {
                LocalDate month = signed.plusMonths(m);
                if (month.isAfter(asOf)) {
                    break;
                }
                riskByMonth[m] = risk;
                activeByMonth[m] = !churned;
                if (churned) {
                    if (reactivateOn != null && !reactivateOn.isAfter(month.plusMonths(1)) && !reactivateOn.isAfter(asOf)) {
                        reactivate();
                    }
                    continue;
                }
                month(m, month);
            }
            usage();
            finish();
        }

        private void month(int m, LocalDate month) {
            risk = clamp(risk + drift + gaussian(0.045), 0, 1);
            for (ContactSim c : contacts) {
                if (c.presentOn(month) && c.role == ContactRole.CHAMPION && r.nextDouble() < 0.006 + 0.025 * risk) {
                    c.left = month.plusDays(r.nextInt(28));
                    risk = clamp(risk + 0.12, 0, 1);
                    task(c.left, "stakeholder_change", "Introduce yourself to the new stakeholder at " + name(), 14,
                            "Champion " + c.name + " left on " + c.left);
                    if (r.nextDouble() < 0.55 * (1 - risk)) {
                        contacts.add(newContact(ContactRole.CHAMPION, c.left.plusDays(30 + r.nextInt(90))));
                    }
                    break;
                }
            }
            if (r.nextDouble() < 0.004) {
                contacts.stream().filter(c -> c.presentOn(month) && c.role == ContactRole.EXECUTIVE_SPONSOR).findFirst()
                        .ifPresent(c -> {
                            c.left = month.plusDays(r.nextInt(28));
                            contacts.add(newContact(ContactRole.EXECUTIVE_SPONSOR, c.left.plusDays(r.nextInt(30))));
                        });
            }
            tickets(month);
            interactions(m, month);
            if (m > 0 && m % 6 == 3) {
                surveys(month);
            }
            LocalDate day = month.plusDays(r.nextInt(28));
            if (r.nextDouble() < involuntaryRate()) {
                churn(day, MovementKind.INVOLUNTARY);
                if (r.nextDouble() < 0.35) {
                    reactivateOn = day.plusDays(20 + r.nextInt(70));
                }
                return;
            }
            if (m > 0 && m % 12 == 11) {
                stageChange(signed.plusMonths(m + 1).minusDays(90), Optional.of(stage), JourneyStage.RENEWAL_EXPANSION,
                        "renewal within 90 days");
            }
            if (m > 0 && m % 12 == 0) {
                LocalDate renewal = signed.plusMonths(m);
                double p = 1 / (1 + Math.exp(-(risk - 0.62) * 12));
                if (r.nextDouble() < p) {
                    churn(renewal, MovementKind.VOLUNTARY);
                    if (r.nextDouble() < 0.08) {
                        reactivateOn = renewal.plusMonths(6 + r.nextInt(13));
                    }
                    return;
                }
                if (risk > 0.45 && r.nextDouble() < 0.3) {
                    long cut = Math.max(100, round(arr * (0.1 + 0.3 * r.nextDouble())));
                    if (cut < arr) {
                        movement(renewal, MovementType.CONTRACTION, Optional.of(r.nextBoolean() ? MovementKind.SEAT
                                : MovementKind.TIER), cut, MovementSource.CS_LED);
                        churnRecord(renewal, ChurnType.DOWNGRADE, cut);
                        arr -= cut;
                        seats = Math.max(1, seats - Math.max(1, seats * cut / (arr + cut)));
                    }
                }
                stageChange(renewal, Optional.of(stage), firstValue != null ? JourneyStage.ADOPTION : JourneyStage.ONBOARDING,
                        "renewed");
            }
            if (m > 0 && m % 3 == 0 && r.nextDouble() < 0.2 * (1 - risk) * (1 - risk)) {
                expand(month.plusDays(r.nextInt(28)));
            }
        }

        private void expand(LocalDate day) {
            if (day.isAfter(asOf)) {
                return;
            }
            MovementKind kind = pick(new MovementKind[] { MovementKind.SEAT, MovementKind.TIER, MovementKind.CROSS_SELL,
                MovementKind.USAGE }, vertical == Vertical.PLG ? new double[] { 0.45, 0.2, 0.05, 0.3 }
                    : vertical == Vertical.HAAS ? new double[] { 0.5, 0.15, 0.2, 0.15 } : new double[] { 0.4, 0.25, 0.25, 0.1 });
            long amount = Math.max(100, round(arr * (0.05 + 0.3 * r.nextDouble())));
            MovementSource source = vertical == Vertical.PLG && r.nextDouble() < 0.5 ? MovementSource.SELF_SERVE
                    : r.nextDouble() < 0.65 ? MovementSource.CS_LED : MovementSource.SALES_LED;
            movement(day, MovementType.EXPANSION, Optional.of(kind), amount, source);
            LocalDate created = day.minusDays(20 + r.nextInt(70));
            out.add(Opportunity.TYPE, new Opportunity(id, "opp-" + (++seq), kind, Money.ofMinor(amount, CURRENCY), source,
                    OpportunityStage.WON, created.isBefore(signed) ? signed : created, Optional.of(day), Optional.of(owner)));
            if (kind == MovementKind.SEAT) {
                seats += Math.max(1, seats * amount / Math.max(1, arr));
            }
            arr += amount;
        }

        private void churn(LocalDate day, MovementKind kind) {
            if (day.isAfter(asOf)) {
                return;
            }
            movement(day, MovementType.CHURN, Optional.of(kind), arr, MovementSource.CS_LED);
            churnRecord(day, kind == MovementKind.INVOLUNTARY ? ChurnType.INVOLUNTARY : ChurnType.VOLUNTARY, arr);
            stageChange(day, Optional.of(stage), JourneyStage.CHURNED, kind == MovementKind.INVOLUNTARY
                    ? "payment failed" : "did not renew");
            churnedArr = arr;
            arr = 0;
            churned = true;
        }

        private void reactivate() {
            LocalDate day = reactivateOn;
            reactivateOn = null;
            long amount = Math.max(10_000, round(churnedArr * (0.6 + 0.4 * r.nextDouble())));
            movement(day, MovementType.REACTIVATION, Optional.empty(), amount, MovementSource.SALES_LED);
            stageChange(day, Optional.of(JourneyStage.CHURNED), JourneyStage.ONBOARDING, "came back");
            arr = amount;
            churned = false;
            lastStart = day;
            risk = 0.3;
        }

        private void movement(LocalDate day, MovementType type, Optional<MovementKind> kind, long amount,
                MovementSource source) {
            out.add(ArrMovement.TYPE, new ArrMovement(id, "mv-" + (++seq), day, type, kind, Money.ofMinor(amount, CURRENCY),
                    source, Optional.of(id + "-sub")));
        }

        private void churnRecord(LocalDate day, ChurnType type, long lost) {
            String cause = type == ChurnType.INVOLUNTARY ? "Payment failed: the card on file expired"
                    : contacts.stream().anyMatch(c -> c.role == ContactRole.CHAMPION && c.left != null && c.left.isAfter(day.minusDays(200)))
                            ? "Champion left and no successor was engaged"
                            : risk > 0.7 ? "Never reached broad adoption; usage kept falling" : "Budget cut; kept the essentials";
            List<String> tags = type == ChurnType.INVOLUNTARY ? List.of()
                    : List.of(FEEDBACK[r.nextInt(FEEDBACK.length)], FEEDBACK[r.nextInt(FEEDBACK.length)]).stream().distinct().toList();
            out.add(ChurnRecord.TYPE, new ChurnRecord(id, "cr-" + (++seq), day, type, Money.ofMinor(lost, CURRENCY),
                    Optional.of(cause), tags));
        }

        private void stageChange(LocalDate day, Optional<JourneyStage> from, JourneyStage to, String reason) {
            if (day.isAfter(asOf) || from.isPresent() && from.get() == to) {
                return;
            }
            if (stage == JourneyStage.CHURNED && to != JourneyStage.ONBOARDING) {
                return;
            }
            out.add(StageChange.TYPE, new StageChange(id, "sc-" + (++seq), day, from, to, Optional.of(reason)));
            stage = to;
        }

        private void createContacts() {
            int n = switch (segment) {
                case ENTERPRISE -> 6 + r.nextInt(5);
                case MID_MARKET -> 3 + r.nextInt(4);
                case SMB -> 1 + r.nextInt(3);
                case TECH_TOUCH -> 1 + r.nextInt(2);
            };
            for (int i = 0; i < n; i++) {
                ContactRole role = i == 0 ? ContactRole.CHAMPION : i == 1 && segment.ordinal() <= 1
                        ? ContactRole.EXECUTIVE_SPONSOR : i == 2 ? ContactRole.BUDGET_HOLDER
                        : r.nextDouble() < 0.12 ? ContactRole.SKEPTIC : ContactRole.USER;
                contacts.add(newContact(role, signed));
            }
        }

        private ContactSim newContact(ContactRole role, LocalDate joined) {
            ContactSim c = new ContactSim();
            c.id = "c" + (contacts.size() + 1);
            c.name = FIRST[r.nextInt(FIRST.length)] + " " + LAST[r.nextInt(LAST.length)];
            c.role = role;
            c.seniority = switch (role) {
                case EXECUTIVE_SPONSOR -> r.nextBoolean() ? Seniority.C_LEVEL : Seniority.VP;
                case CHAMPION -> pick(new Seniority[] { Seniority.MANAGER, Seniority.DIRECTOR, Seniority.VP },
                        new double[] { 0.4, 0.45, 0.15 });
                case BUDGET_HOLDER -> r.nextBoolean() ? Seniority.DIRECTOR : Seniority.VP;
                default -> r.nextDouble() < 0.8 ? Seniority.INDIVIDUAL : Seniority.MANAGER;
            };
            c.joined = joined;
            return c;
        }

        private void handoffs() {
            double complete = goodFit ? 0.9 : 0.6;
            out.add(Handoff.TYPE, new Handoff(id, "ho-" + (++seq), HandoffKind.SALES_TO_CS, signed.plusDays(3),
                    Optional.of("ae-" + (1 + r.nextInt(12))), Optional.of(owner),
                    maybe(complete, "Cut the time to a monthly " + SUFFIX[r.nextInt(SUFFIX.length)].toLowerCase() + " report in half"),
                    maybe(complete, "Quarterly roadmap review; SSO by go-live"),
                    maybe(complete - 0.15, contacts.get(0).name + " champion" + (contacts.size() > 1 ? "; " + contacts.get(1).name
                            + " " + contacts.get(1).role.name().toLowerCase() : "")),
                    maybe(complete - 0.1, goodFit ? "Low: clear owner and budget" : "Unclear owner; previous tool failed")));
            if (segment.ordinal() <= 1 && signed.plusDays(45).isBefore(asOf)) {
                out.add(Handoff.TYPE, new Handoff(id, "ho-" + (++seq), HandoffKind.SERVICES_TO_CS, signed.plusDays(45),
                        Optional.of("ps-" + (1 + r.nextInt(5))), Optional.of(owner), Optional.empty(),
                        Optional.of("Integrations live"), Optional.empty(), Optional.empty()));
            }
        }

        private void milestones() {
            String[] names = { "Kick-off held", "Data connected", "Team invited", "First report shared" };
            int[] planned = { 7, 21, 30, segment == Segment.ENTERPRISE ? 45 : 30 };
            for (int i = 0; i < names.length; i++) {
                boolean isFirstValue = i == names.length - 1;
                LocalDate plan = signed.plusDays(planned[i]);
                Optional<LocalDate> reached;
                if (!goodFit && isFirstValue && r.nextDouble() < 0.3) {
                    reached = Optional.empty();
                } else {
                    int delay = goodFit ? -5 + r.nextInt(16) : 5 + r.nextInt(56);
                    LocalDate day = plan.plusDays(delay);
                    reached = day.isAfter(asOf) ? Optional.empty() : Optional.of(day.isBefore(signed) ? signed : day);
                }
                out.add(Milestone.TYPE, new Milestone(id, "ms-" + (i + 1), names[i], Optional.of(plan), reached, isFirstValue));
                if (isFirstValue && reached.isPresent()) {
                    firstValue = reached.get();
                    stageChange(firstValue, Optional.of(JourneyStage.ONBOARDING), JourneyStage.ADOPTION, "first value reached");
                }
            }
        }

        private void tickets(LocalDate month) {
            double rate = new double[] { 1.5, 0.8, 0.3, 0.1 }[segment.ordinal()] * (0.5 + risk);
            int n = poisson(rate);
            for (int i = 0; i < n; i++) {
                LocalDate day = month.plusDays(r.nextInt(28));
                if (day.isAfter(asOf)) {
                    continue;
                }
                Instant opened = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(r.nextInt(86_400));
                double u = r.nextDouble();
                TicketSeverity severity = u < 0.05 + 0.15 * risk ? TicketSeverity.URGENT
                        : u < 0.2 + 0.35 * risk ? TicketSeverity.HIGH : u < 0.8 ? TicketSeverity.NORMAL : TicketSeverity.LOW;
                Tone tone = tone(risk);
                Instant resolved = opened.plusSeconds(3_600L + r.nextInt(5 * 86_400));
                out.add(SupportTicket.TYPE, new SupportTicket(id, "tk-" + (++seq), opened,
                        resolved.isAfter(asOf.atStartOfDay(ZoneOffset.UTC).toInstant()) ? Optional.empty() : Optional.of(resolved),
                        severity, Optional.of(tone), Optional.of(severity == TicketSeverity.URGENT ? "Outage reported" : "Question")));
            }
        }

        private void interactions(int m, LocalDate month) {
            List<ContactSim> present = contacts.stream().filter(c -> c.presentOn(month)).toList();
            if (present.isEmpty()) {
                return;
            }
            double rate = new double[] { 4, 2, 0.6, 0.08 }[segment.ordinal()] * (1.25 - risk);
            int n = poisson(rate);
            ContactSim main = present.get(0);
            for (int i = 0; i < n; i++) {
                LocalDate day = month.plusDays(r.nextInt(28));
                if (day.isAfter(asOf)) {
                    continue;
                }
                // Strained accounts talk through one person: single-threading shows before churn.
                ContactSim with = r.nextDouble() < risk ? main : present.get(r.nextInt(present.size()));
                with.lastContact = with.lastContact == null || day.isAfter(with.lastContact) ? day : with.lastContact;
                InteractionKind kind = r.nextDouble() < 0.5 ? InteractionKind.CALL : r.nextBoolean() ? InteractionKind.MEETING
                        : InteractionKind.EMAIL;
                out.add(Interaction.TYPE, new Interaction(id, "in-" + (++seq), day, kind, Optional.of(tone(risk)),
                        Optional.of(with.id), true, Optional.empty()));
            }
            if (segment.ordinal() <= 1 && m % 3 == 2 && r.nextDouble() < 1.1 - risk) {
                LocalDate day = month.plusDays(r.nextInt(28));
                if (!day.isAfter(asOf)) {
                    out.add(Interaction.TYPE, new Interaction(id, "in-" + (++seq), day, InteractionKind.QBR,
                            Optional.of(tone(risk)), Optional.of(main.id), true, Optional.of("Quarterly business review")));
                }
            }
        }

        private void surveys(LocalDate month) {
            double answer = new double[] { 0.9, 0.7, 0.45, 0.25 }[segment.ordinal()];
            if (r.nextDouble() > answer) {
                return;
            }
            LocalDate day = month.plusDays(r.nextInt(28));
            if (day.isAfter(asOf)) {
                return;
            }
            List<ContactSim> present = contacts.stream().filter(c -> c.presentOn(day)).toList();
            int respondents = segment == Segment.ENTERPRISE ? 2 : 1;
            for (int i = 0; i < respondents && i < present.size(); i++) {
                long score = Math.round(clamp(10.2 - 10 * risk + gaussian(1.8), 0, 10));
                promoter |= score >= 9 && !day.isBefore(asOf.minusMonths(12));
                out.add(SurveyResponse.TYPE, new SurveyResponse(id, "sv-" + (++seq), day, SurveyKind.NPS, score,
                        Optional.of(present.get(i).id), score <= 6 ? Optional.of("Too many issues lately") : Optional.empty()));
                if (score >= 9 && r.nextDouble() < 0.15) {
                    boolean won = r.nextDouble() < 0.4;
                    out.add(Referral.TYPE, new Referral(id, "rf-" + (++seq), day, PREFIX[r.nextInt(PREFIX.length)] + " "
                            + SUFFIX[r.nextInt(SUFFIX.length)], Optional.of(owner), won ? ReferralStatus.WON
                            : ReferralStatus.INTRODUCED, won ? Optional.of(Money.ofMinor(round(Math.max(arr, 1_000_000) * 0.6), CURRENCY))
                                    : Optional.empty(), Optional.empty()));
                }
                if (score >= 9 && r.nextDouble() < 0.1) {
                    out.add(AdvocacyActivity.TYPE, new AdvocacyActivity(id, "ad-" + (++seq),
                            pick(AdvocacyKind.values(), new double[] { 0.4, 0.3, 0.15, 0.05, 0.1 }), day,
                            Optional.of(present.get(i).id), Optional.empty()));
                }
            }
        }

        /** Weekly usage rows (dated the Monday of each week) for the last {@link #USAGE_WEEKS} weeks. */
        private void usage() {
            LocalDate week = asOf.minusWeeks(USAGE_WEEKS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            boolean integrations = goodFit && r.nextDouble() < 0.7;
            for (; !week.isAfter(asOf); week = week.plusWeeks(1)) {
                if (week.isBefore(signed)) {
                    continue;
                }
                int m = (int) ChronoUnit.MONTHS.between(signed, week);
                if (m < 0 || m >= riskByMonth.length || !activeByMonth[m]) {
                    continue;
                }
                double weekRisk = riskByMonth[m];
                double ramp = Math.min(1, ChronoUnit.DAYS.between(signed, week) / 45.0 + 0.2);
                long active = Math.max(0, Math.round(seats * ramp * clamp(0.9 - 0.75 * weekRisk + gaussian(0.06), 0.01, 1)));
                long events = Math.max(0, Math.round(active * 30 * (1 + gaussian(0.12))));
                out.add(UsageRollup.TYPE, new UsageRollup(id, week, UsageRollup.ALL_FEATURES, events, active));
                out.add(UsageRollup.TYPE, new UsageRollup(id, week, "workflow", Math.round(events * 0.6 * (1 - 0.3 * weekRisk)),
                        Math.round(active * 0.9)));
                out.add(UsageRollup.TYPE, new UsageRollup(id, week, "reports", Math.round(events * 0.25), Math.round(active * 0.4)));
                if (integrations && weekRisk < 0.6) {
                    out.add(UsageRollup.TYPE, new UsageRollup(id, week, "integrations", Math.round(events * 0.1), Math.max(1, active / 10)));
                }
            }
        }

        private void task(LocalDate day, String playbook, String title, int days, String evidence) {
            if (day.isAfter(asOf)) {
                return;
            }
            Instant created = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(9 * 3600);
            Instant due = created.plusSeconds(days * 86_400L);
            boolean past = due.isBefore(asOf.atStartOfDay(ZoneOffset.UTC).toInstant());
            out.add(Task.TYPE, new Task(id, "ta-" + (++seq), playbook, title, owner, created, due,
                    past ? (r.nextDouble() < 0.8 ? TaskStatus.DONE : TaskStatus.CANCELLED) : TaskStatus.OPEN,
                    past ? Optional.of("Met the new stakeholder") : Optional.empty(), Optional.of(evidence)));
        }

        private void finish() {
            if (!churned && promoter && stage == JourneyStage.ADOPTION && r.nextDouble() < 0.5) {
                stageChange(asOf.minusDays(r.nextInt(60)), Optional.of(stage), JourneyStage.ADVOCACY, "promoter and reference");
            }
            for (ContactSim c : contacts) {
                if (c.joined.isAfter(asOf)) {
                    continue;
                }
                if (c.left != null && c.left.isAfter(asOf)) {
                    c.left = null;
                }
                boolean present = c.presentOn(asOf);
                out.add(Contact.TYPE, new Contact(id, c.id, c.name, Optional.of(c.name.toLowerCase().replace(' ', '.') + "@"
                        + id + ".example"), c.role, c.seniority, present && r.nextDouble() < 1.05 - risk,
                        Optional.ofNullable(c.lastContact), Optional.of(c.joined), Optional.ofNullable(c.left)));
            }
            LocalDate renewal = lastStart;
            while (!renewal.isAfter(asOf)) {
                renewal = renewal.plusYears(1);
            }
            long shownArr = churned ? churnedArr : arr;
            out.add(Subscription.TYPE, new Subscription(id, id + "-sub", product(), Optional.of(plan()), Optional.of(seats),
                    Money.ofMinor(shownArr, CURRENCY), lastStart, churned ? Optional.empty() : Optional.of(renewal),
                    churned ? SubscriptionStatus.CANCELLED : SubscriptionStatus.ACTIVE));
            if (!churned && risk < 0.35 && r.nextDouble() < 0.2) {
                out.add(Opportunity.TYPE, new Opportunity(id, "opp-" + (++seq), MovementKind.CROSS_SELL,
                        Money.ofMinor(Math.max(100_000, round(arr * 0.2)), CURRENCY), MovementSource.CS_LED,
                        arr * 0.2 > 5_000_000 ? OpportunityStage.HANDED_TO_SALES : OpportunityStage.QUALIFIED,
                        asOf.minusDays(r.nextInt(60)), Optional.empty(), Optional.of(owner)));
            }
            long arrNow = churned ? churnedArr : arr;
            TouchModel touch = arrNow > 10_000_000 ? TouchModel.HIGH_TOUCH : arrNow >= 2_500_000 ? TouchModel.LOW_TOUCH
                    : TouchModel.TECH_TOUCH;
            out.add(Account.TYPE, new Account(id, name(), vertical, Optional.of(segment), Optional.of(touch),
                    Optional.of(owner), signed, stage, arrNow > 80_000_000 ? Optional.of("Top-ARR reference logo")
                            : Optional.empty(), Optional.empty()));
        }

        private String name() {
            SplittableRandom names = new SplittableRandom(seed + id.hashCode());
            return PREFIX[names.nextInt(PREFIX.length)] + STEM[names.nextInt(STEM.length)] + " "
                    + SUFFIX[names.nextInt(SUFFIX.length)];
        }

        private String product() {
            return switch (vertical) {
                case ENTERPRISE -> "Enterprise Suite";
                case PLG -> "Workspace";
                case MARKETPLACE -> "Marketplace Seller Plan";
                case HAAS -> "Fleet as a Service";
            };
        }

        private String plan() {
            return switch (segment) {
                case ENTERPRISE -> "Enterprise";
                case MID_MARKET -> "Business";
                case SMB -> "Team";
                case TECH_TOUCH -> "Starter";
            };
        }

        private long initialArr() {
            double[][] range = { { 250_000, 1_000_000 }, { 50_000, 250_000 }, { 10_000, 50_000 }, { 1_200, 10_000 } };
            double[] b = range[segment.ordinal()];
            double dollars = Math.exp(Math.log(b[0]) + r.nextDouble() * (Math.log(b[1]) - Math.log(b[0])));
            return Math.round(dollars / 100) * 100 * 100;
        }

        private long seatPrice() {
            return new long[] { 1_200, 900, 600, 300 }[segment.ordinal()];
        }

        private double involuntaryRate() {
            return new double[] { 0.0003, 0.0008, 0.003, 0.006 }[segment.ordinal()];
        }

        private Tone tone(double level) {
            double u = r.nextDouble();
            return u < 0.15 + 0.6 * level ? Tone.NEGATIVE : u < 0.55 + 0.3 * level ? Tone.NEUTRAL : Tone.POSITIVE;
        }

        private Optional<String> maybe(double p, String text) {
            return r.nextDouble() < p ? Optional.of(text) : Optional.empty();
        }

        private int poisson(double lambda) {
            double l = Math.exp(-lambda);
            double p = 1;
            int k = 0;
            do {
                k++;
                p *= r.nextDouble();
            } while (p > l);
            return k - 1;
        }

        private double gaussian(double sd) {
            // Box-Muller on the account's own stream keeps the data deterministic
            double u1 = Math.max(1e-12, r.nextDouble());
            double u2 = r.nextDouble();
            return sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }

        private <E> E pick(E[] values, double[] weights) {
            double u = r.nextDouble();
            double sum = 0;
            for (int i = 0; i < values.length; i++) {
                sum += weights[i];
                if (u < sum) {
                    return values[i];
                }
            }
            return values[values.length - 1];
        }
    }

    /** A person at a simulated account. */
    private static final class ContactSim {
        String id;
        String name;
        ContactRole role;
        Seniority seniority;
        LocalDate joined;
        LocalDate left;
        LocalDate lastContact;

        boolean presentOn(LocalDate day) {
            return !joined.isAfter(day) && (left == null || left.isAfter(day));
        }
    }

    private static long round(double minor) {
        return Math.round(minor / 100) * 100;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
