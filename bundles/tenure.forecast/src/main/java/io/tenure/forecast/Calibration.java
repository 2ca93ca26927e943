package io.tenure.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tenure.api.metrics.ReportingPeriod;
import io.tenure.api.data.Codes;
import io.tenure.api.forecast.Forecast;
import io.tenure.api.forecast.ForecastBucket;
import io.tenure.api.forecast.Renewal;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.Subscription;

/**
 * Calibration of closed periods (DOMAIN.md §6): each period's forecast as it stood the day before the period began,
 * rebuilt from the stored health history and the overrides made by then, beside what was kept at each renewal; and
 * per bucket, over all the periods, the probability the outcomes suggest.
 */
final class Calibration {
    static final String DEFINITION = "For each closed period (ended at least graceDays ago), the forecast as it stood the "
            + "day before the period began: the renewals then ahead in the period, each in the bucket the account's latest "
            + "health score on or before that day gives it (or the override made by then), with the ARR at stake that day. "
            + "Kept ARR of a renewal = ARR at stake less the churn and contraction of its subscription (or of its account, "
            + "when movements name no subscription) dated after that day and up to graceDays after the renewal date; "
            + "expansion is not counted. Actual rate of a bucket = kept / at stake. Suggested probability = the actual rate "
            + "of the bucket over all the periods, rounded to a whole percent, when they hold at least "
            + "minRenewalsForSuggestion of its renewals; otherwise the configured probability stands.";

    private Calibration() {
    }

    /** One bucket of one period: what was at stake and forecast, and what was kept. */
    record BucketOutcome(ForecastBucket bucket, long renewals, long arr, int probability, long forecast, long kept,
            long churned, long contracted) {

        /** Kept / at stake, 4 decimals; empty without ARR at stake. */
        Optional<BigDecimal> actualRate() {
            return rate(kept, arr);
        }
    }

    /** One closed period. */
    record PeriodResult(ReportingPeriod period, LocalDate asOf, List<BucketOutcome> buckets, long otherCurrencyRenewals) {

        long arr() {
            return buckets.stream().mapToLong(BucketOutcome::arr).sum();
        }

        long forecast() {
            return buckets.stream().mapToLong(BucketOutcome::forecast).sum();
        }

        long kept() {
            return buckets.stream().mapToLong(BucketOutcome::kept).sum();
        }
    }

    /** A bucket over all the periods, with the probability its outcomes suggest. */
    record Suggestion(ForecastBucket bucket, long renewals, long arr, long kept, Optional<BigDecimal> actualRate,
            int probability, int suggested, String basis) {
    }

    /** @param currency the currency judged (the one with the most ARR at stake); empty without renewals */
    record Result(Optional<Currency> currency, List<PeriodResult> periods, List<Suggestion> suggestions) {
    }

    static Result calibrate(RenewalForecaster forecaster, List<ReportingPeriod> periods) {
        ForecastSettings s = forecaster.settings();
        List<LocalDate> asOfs = periods.stream().map(p -> p.from().minusDays(1)).toList();
        RenewalBook book = RenewalBook.load(forecaster.store(), asOfs, s.termMonths());
        List<Forecast> forecasts = new ArrayList<>();
        Map<Currency, Long> stakeByCurrency = new HashMap<>();
        for (int i = 0; i < periods.size(); i++) {
            Forecast f = forecaster.forecast(book, s, periods.get(i).from(), periods.get(i).to(), asOfs.get(i));
            forecasts.add(f);
            f.renewals().forEach(r -> stakeByCurrency.merge(r.arr().currency(), r.arr().minorUnits(), Long::sum));
        }
        Optional<Currency> currency = stakeByCurrency.entrySet().stream()
                .max(Map.Entry.<Currency, Long>comparingByValue().thenComparing(e -> e.getKey().getCurrencyCode(),
                        java.util.Comparator.reverseOrder()))
                .map(Map.Entry::getKey);
        Map<String, Subscription> subscriptions = new HashMap<>();
        book.subscriptions().forEach(sub -> subscriptions.put(sub.accountId() + '\u0000' + sub.id(), sub));
        List<PeriodResult> results = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            results.add(judge(periods.get(i), forecasts.get(i), currency, book, subscriptions, s));
        }
        return new Result(currency, results, suggest(results, s));
    }

    private static PeriodResult judge(ReportingPeriod period, Forecast f, Optional<Currency> currency, RenewalBook book,
            Map<String, Subscription> subscriptions, ForecastSettings s) {
        Map<ForecastBucket, long[]> rows = new EnumMap<>(ForecastBucket.class);
        for (ForecastBucket b : ForecastBucket.values()) {
            rows.put(b, new long[5]);
        }
        Map<String, Pool> pools = new HashMap<>();
        long other = 0;
        for (Renewal r : f.renewals()) {
            if (currency.isEmpty() || !r.arr().currency().equals(currency.get())) {
                other++;
                continue;
            }
            Subscription sub = subscriptions.get(r.accountId() + '\u0000' + r.subscriptionId());
            RenewalBook.LossPool losses = book.losses(sub);
            Pool pool = pools.computeIfAbsent(losses.key(), k -> new Pool(losses.movements(), f.asOf()));
            long stake = r.arr().minorUnits();
            long lost = pool.draw(stake, r.date().plusDays(s.graceDays()));
            long[] row = rows.get(r.bucket());
            row[0]++;
            row[1] += stake;
            row[2] += stake - lost;
            row[3] += lost == stake ? 1 : 0;
            row[4] += lost > 0 && lost < stake ? 1 : 0;
        }
        List<BucketOutcome> buckets = new ArrayList<>();
        for (ForecastBucket b : ForecastBucket.values()) {
            long[] row = rows.get(b);
            buckets.add(new BucketOutcome(b, row[0], row[1], s.probability(b), RenewalForecaster.weigh(row[1],
                    s.probability(b)), row[2], row[3], row[4]));
        }
        return new PeriodResult(period, f.asOf(), buckets, other);
    }

    private static List<Suggestion> suggest(List<PeriodResult> results, ForecastSettings s) {
        List<Suggestion> suggestions = new ArrayList<>();
        for (ForecastBucket b : ForecastBucket.values()) {
            long renewals = 0;
            long arr = 0;
            long kept = 0;
            for (PeriodResult p : results) {
                BucketOutcome o = p.buckets().get(b.ordinal());
                renewals += o.renewals();
                arr += o.arr();
                kept += o.kept();
            }
            Optional<BigDecimal> rate = rate(kept, arr);
            int current = s.probability(b);
            int suggested = current;
            String basis;
            if (renewals >= s.minRenewals() && rate.isPresent()) {
                suggested = BigDecimal.valueOf(kept).multiply(BigDecimal.valueOf(100))
                        .divide(BigDecimal.valueOf(arr), 0, RoundingMode.HALF_EVEN).intValueExact();
                basis = renewals + " renewals kept " + rate.get().movePointRight(2).stripTrailingZeros().toPlainString()
                        + "% of their ARR at stake" + (suggested == current ? ": the configured " + current + "% holds"
                                : ": " + suggested + "% instead of the configured " + current + "%");
            } else {
                basis = renewals + " " + Codes.code(b) + " renewal" + (renewals == 1 ? "" : "s") + " in the closed periods, "
                        + "fewer than the " + s.minRenewals() + " a suggestion needs: the configured " + current + "% stands";
            }
            suggestions.add(new Suggestion(b, renewals, arr, kept, rate, current, suggested, basis));
        }
        return suggestions;
    }

    static Optional<BigDecimal> rate(long part, long whole) {
        return whole == 0 ? Optional.empty()
                : Optional.of(BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_EVEN));
    }

    /** The churn and contraction of one pool dated after the forecast day, drawn on by renewals in date order. */
    private static final class Pool {
        private final List<ArrMovement> losses;
        private int next;
        private long left;

        Pool(List<ArrMovement> losses, LocalDate asOf) {
            this.losses = losses;
            while (next < losses.size() && !losses.get(next).date().isAfter(asOf)) {
                next++;
            }
            left = next < losses.size() ? losses.get(next).amount().minorUnits() : 0;
        }

        /** Takes up to {@code stake} of the losses dated on or before {@code until}. @return what was taken */
        long draw(long stake, LocalDate until) {
            long taken = 0;
            while (taken < stake && next < losses.size() && !losses.get(next).date().isAfter(until)) {
                long take = Math.min(left, stake - taken);
                taken += take;
                left -= take;
                if (left == 0) {
                    next++;
                    left = next < losses.size() ? losses.get(next).amount().minorUnits() : 0;
                }
            }
            return taken;
        }
    }
}
