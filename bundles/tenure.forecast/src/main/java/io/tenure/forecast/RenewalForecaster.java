package io.tenure.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import io.tenure.api.data.DataStore;
import io.tenure.api.forecast.BucketTotal;
import io.tenure.api.forecast.Forecast;
import io.tenure.api.forecast.ForecastBucket;
import io.tenure.api.forecast.ForecastOverride;
import io.tenure.api.forecast.ForecastService;
import io.tenure.api.forecast.ForecastTotals;
import io.tenure.api.forecast.Renewal;
import io.tenure.api.health.HealthScore;
import io.tenure.api.health.HealthStatus;
import io.tenure.api.money.Money;
import io.tenure.api.revenue.Subscription;

/** The bottom-up renewal forecast of DOMAIN.md §6: every renewal of a period in its bucket, weighted and summed. */
@Component(service = { ForecastService.class, RenewalForecaster.class }, configurationPid = ForecastConfig.PID)
@Designate(ocd = ForecastConfig.class)
public class RenewalForecaster implements ForecastService {

    @Reference
    private DataStore store;

    private final Clock clock;
    private volatile ForecastSettings settings;

    public RenewalForecaster() {
        this.clock = Clock.systemUTC();
    }

    RenewalForecaster(DataStore store, ForecastSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** For other bundles' tests: the forecast with the default settings. */
    public static ForecastService withDefaults(DataStore store, Clock clock) {
        return new RenewalForecaster(store, ForecastSettings.DEFAULTS, clock);
    }

    @Activate
    @Modified
    void configure(ForecastConfig config) {
        this.settings = ForecastSettings.of(config);
    }

    ForecastSettings settings() {
        return settings;
    }

    DataStore store() {
        return store;
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    Clock clock() {
        return clock;
    }

    @Override
    public Forecast forecast(LocalDate from, LocalDate to, LocalDate asOf) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " must be before to " + to);
        }
        ForecastSettings s = settings;
        return forecast(RenewalBook.load(store, List.of(asOf), s.termMonths()), s, from, to, asOf);
    }

    /** The forecast of {@code [from, to)} as of {@code asOf} from a loaded book (which holds health as of that day). */
    Forecast forecast(RenewalBook book, ForecastSettings s, LocalDate from, LocalDate to, LocalDate asOf) {
        LocalDate today = today();
        Map<String, HealthScore> health = book.healthAsOf(asOf);
        List<Renewal> renewals = new ArrayList<>();
        for (Subscription sub : book.subscriptions()) {
            for (LocalDate date : book.renewalDates(sub, from, to, today)) {
                LocalDate stakeDay = date.isAfter(asOf) ? asOf : date.minusDays(1);
                Money stake = book.arrAt(sub, stakeDay);
                if (stake.isPositive()) {
                    renewals.add(renewal(s, sub, date, stake, Optional.ofNullable(health.get(sub.accountId())),
                            book.override(sub, date, asOf)));
                }
            }
        }
        renewals.sort(Comparator.comparing(Renewal::date).thenComparing(Renewal::accountId)
                .thenComparing(Renewal::subscriptionId));
        return new Forecast(from, to, asOf, s.probabilities(), renewals, totals(renewals, s), s.rule());
    }

    private static Renewal renewal(ForecastSettings s, Subscription sub, LocalDate date, Money stake,
            Optional<HealthScore> health, Optional<ForecastOverride> override) {
        HealthStatus status = health.map(HealthScore::status).orElse(HealthStatus.UNKNOWN);
        Optional<Long> score = health.map(HealthScore::score);
        ForecastBucket derived = s.bucketOf(status, score);
        Optional<String> note = Optional.empty();
        Optional<ForecastOverride> applied = override;
        if (override.filter(o -> o.bucket() == ForecastBucket.COMMITTED && o.reason().isEmpty()).isPresent()
                && status == HealthStatus.RED) {
            note = Optional.of("the override to committed by " + override.get().setBy() + " is left out: the account is "
                    + "red and the override gives no reason");
            applied = Optional.empty();
        }
        ForecastBucket bucket = applied.map(ForecastOverride::bucket).orElse(derived);
        return new Renewal(sub.accountId(), sub.id(), date, stake, status, score, derived, bucket, s.probability(bucket),
                applied, note);
    }

    /** The sums per currency, the currency with the most ARR at stake first. */
    static List<ForecastTotals> totals(List<Renewal> renewals, ForecastSettings s) {
        Map<Currency, Map<ForecastBucket, long[]>> sums = new LinkedHashMap<>();
        for (Renewal r : renewals) {
            long[] row = sums.computeIfAbsent(r.arr().currency(), c -> emptyRows()).get(r.bucket());
            row[0]++;
            row[1] = Math.addExact(row[1], r.arr().minorUnits());
        }
        List<ForecastTotals> totals = new ArrayList<>();
        sums.forEach((currency, rows) -> totals.add(totals(currency, rows, s)));
        totals.sort(Comparator.comparing((ForecastTotals t) -> t.renewing().minorUnits()).reversed()
                .thenComparing(ForecastTotals::currency));
        return totals;
    }

    private static Map<ForecastBucket, long[]> emptyRows() {
        Map<ForecastBucket, long[]> rows = new EnumMap<>(ForecastBucket.class);
        for (ForecastBucket b : ForecastBucket.values()) {
            rows.put(b, new long[2]);
        }
        return rows;
    }

    /** One currency's totals from each bucket's count and ARR (minor units). */
    static ForecastTotals totals(Currency currency, Map<ForecastBucket, long[]> rows, ForecastSettings s) {
        List<BucketTotal> buckets = new ArrayList<>();
        long renewing = 0;
        long weighted = 0;
        for (ForecastBucket b : ForecastBucket.values()) {
            long[] row = rows.get(b);
            long w = weigh(row[1], s.probability(b));
            buckets.add(new BucketTotal(b, row[0], new Money(row[1], currency), s.probability(b), new Money(w, currency)));
            renewing += row[1];
            weighted += w;
        }
        long atRisk = rows.get(ForecastBucket.AT_RISK)[1] + rows.get(ForecastBucket.CRITICAL)[1];
        return new ForecastTotals(buckets, new Money(renewing, currency), new Money(weighted, currency),
                new Money(rows.get(ForecastBucket.COMMITTED)[1], currency), new Money(atRisk, currency));
    }

    /** {@code minor} x {@code percent} / 100, rounded half-even to the minor unit. */
    static long weigh(long minor, int percent) {
        return BigDecimal.valueOf(minor).multiply(BigDecimal.valueOf(percent))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_EVEN).longValueExact();
    }
}
