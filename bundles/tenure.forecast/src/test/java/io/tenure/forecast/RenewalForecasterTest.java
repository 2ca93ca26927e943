package io.tenure.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tenure.api.metrics.ReportingPeriod;
import io.tenure.api.forecast.Forecast;
import io.tenure.api.forecast.ForecastBucket;
import io.tenure.api.forecast.ForecastOverride;
import io.tenure.api.forecast.ForecastTotals;
import io.tenure.api.forecast.Renewal;
import io.tenure.api.health.HealthStatus;
import io.tenure.api.money.Money;
import io.tenure.store.Databases;
import io.tenure.store.JdbcDataStore;

/** The forecast's arithmetic and calibration on books whose answers are worked out by hand, on H2 and PostgreSQL. */
class RenewalForecasterTest {
    private static final LocalDate Q1 = LocalDate.of(2026, 1, 1);
    private static final LocalDate Q2 = LocalDate.of(2026, 4, 1);

    @ParameterizedTest
    @EnumSource(Databases.class)
    void everyRenewalOfThePeriodInItsBucketWeightedAndSummed(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            Books.quarter(store);
            RenewalForecaster forecaster = Books.forecaster(store);
            Forecast f = forecaster.forecast(Q1, Q2, Books.TODAY);

            assertEquals(List.of("c/c1/2026-01-10/likely/60000.00", "a/a1/2026-02-01/critical/100000.00",
                    "d/d1/2026-02-15/at_risk/40000.00", "b/b1/2026-03-01/committed/200000.00",
                    "e/e1/2026-03-20/at_risk/30000.00", "f/f1/2026-03-31/likely/10000.00"),
                    f.renewals().stream().map(RenewalForecasterTest::line).toList(),
                    "g's trial and f2 (after the quarter) are no renewals of Q1; c renewed on 2026-01-10 with the ARR of the "
                            + "day before; e has no ledger and f two subscriptions: their contracts' ARR");
            Renewal e = f.renewals().get(4);
            assertEquals(HealthStatus.UNKNOWN, e.health(), "e was never scored");
            Renewal b = f.renewals().get(3);
            assertEquals(Optional.of(90L), b.score(), "b's red of 2026-01-16 comes after the forecast day");

            assertEquals(1, f.totals().size());
            ForecastTotals t = f.totals().get(0);
            assertEquals("USD", t.currency());
            assertEquals(money("440000"), t.renewing());
            assertEquals(money("301000"), t.weighted(), "200,000 x 95% + 70,000 x 80% + 70,000 x 50% + 100,000 x 20%");
            assertEquals(money("200000"), t.committed());
            assertEquals(money("170000"), t.atRisk(), "at risk (d, e) and critical (a), apart from committed");
            assertEquals(2, t.bucket(ForecastBucket.LIKELY).renewals());
            assertEquals(money("56000"), t.bucket(ForecastBucket.LIKELY).weighted());
            assertEquals(money("35000"), t.bucket(ForecastBucket.AT_RISK).weighted());
            assertEquals(money("20000"), t.bucket(ForecastBucket.CRITICAL).weighted());

            Forecast before = forecaster.forecast(Q1, Q2, LocalDate.of(2025, 12, 31));
            assertEquals("likely", code(before.renewals().stream().filter(r -> r.accountId().equals("a")).findFirst()
                    .orElseThrow().bucket()), "on 2025-12-31 a was green 72");
            assertEquals(money("60000"), before.renewals().stream().filter(r -> r.accountId().equals("c")).findFirst()
                    .orElseThrow().arr(), "a renewal still ahead is at stake with the ARR of the forecast day");
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void anOverrideMovesOneRenewalAndCommittingARedAccountNeedsAReason(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            Books.quarter(store);
            RenewalForecaster forecaster = Books.forecaster(store);
            ForecastResource.OverrideBody body = body("a", "a1", "2026-02-01", "committed", "  ");
            io.tenure.api.rest.ApiException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    io.tenure.api.rest.ApiException.class, () -> Overrides.set(forecaster, body, "ana"));
            assertEquals(422, refused.status());
            assertEquals("reason is required: account 'a' is red (score 30 on 2026-01-10), and a red account cannot be "
                    + "committed without a recorded reason", refused.getMessage());
            assertEquals(List.of("reason"), refused.details());

            body.reason = "Signed the order form on 2026-01-14";
            ForecastOverride saved = Overrides.set(forecaster, body, "ana");
            assertEquals(HealthStatus.RED, saved.health(), "the health the call was made against is recorded");
            assertEquals(Books.CLOCK.instant(), saved.setAt());
            assertEquals("ana", saved.setBy());

            Forecast f = forecaster.forecast(Q1, Q2, Books.TODAY);
            Renewal a = f.renewals().stream().filter(r -> r.accountId().equals("a")).findFirst().orElseThrow();
            assertEquals(ForecastBucket.CRITICAL, a.derived());
            assertEquals(ForecastBucket.COMMITTED, a.bucket());
            assertEquals(Optional.of("Signed the order form on 2026-01-14"), a.override().flatMap(ForecastOverride::reason));
            ForecastTotals t = f.totals().get(0);
            assertEquals(money("300000"), t.committed());
            assertEquals(money("376000"), t.weighted(), "300,000 x 95% + 70,000 x 80% + 70,000 x 50%");
            assertEquals(money("70000"), t.atRisk());

            Forecast earlier = forecaster.forecast(Q1, Q2, LocalDate.of(2026, 1, 14));
            assertEquals(ForecastBucket.CRITICAL, earlier.renewals().stream().filter(r -> r.accountId().equals("a"))
                    .findFirst().orElseThrow().bucket(), "the override was made on 2026-01-15, after that forecast");

            // A call made while d was green, without a reason, does not commit d once d is red.
            store.importData(List.of(Books.input(io.tenure.api.health.HealthScore.TYPE,
                    "account_id,date,score,status\nd,2026-01-13,25,red\n")), n -> { });
            store.repository(ForecastOverride.TYPE).save(new ForecastOverride("d", "d1", LocalDate.of(2026, 2, 15),
                    ForecastBucket.COMMITTED, Optional.empty(), HealthStatus.GREEN, "ben", Instant.parse("2026-01-02T09:00:00Z")));
            Renewal d = forecaster.forecast(Q1, Q2, Books.TODAY).renewals().stream().filter(r -> r.accountId().equals("d"))
                    .findFirst().orElseThrow();
            assertEquals(ForecastBucket.CRITICAL, d.bucket());
            assertEquals(Optional.empty(), d.override());
            assertTrue(d.note().orElseThrow().contains("left out: the account is red and the override gives no reason"),
                    d.note().toString());
        }
    }

    @Test
    void overridesNameTheFieldTheyRefuse() throws Exception {
        try (Databases.Fresh fresh = Databases.H2.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            Books.quarter(store);
            RenewalForecaster forecaster = Books.forecaster(store);
            assertRefused(forecaster, body(null, "a1", "2026-02-01", "likely", null), 400, "account_id is required", "account_id");
            assertRefused(forecaster, body("a", "a1", "2026-02-30", "likely", null), 400,
                    "renewal_date '2026-02-30' is not a date like 2026-01-31", "renewal_date");
            assertRefused(forecaster, body("a", "a1", "2026-02-01", "sure", null), 400,
                    "bucket 'sure' is not one of committed, likely, at_risk, critical", "bucket");
            assertRefused(forecaster, body("zz", "a1", "2026-02-01", "likely", null), 422, "account 'zz' does not exist",
                    "account_id");
            assertRefused(forecaster, body("a", "x9", "2026-02-01", "likely", null), 422,
                    "subscription 'x9' of account 'a' does not exist", "subscription_id");
            assertRefused(forecaster, body("a", "a1", "2026-02-02", "likely", null), 422,
                    "renewal_date 2026-02-02 is not a renewal date of subscription 'a1' of 'a'; its renewals within a year "
                            + "of it: [2026-02-01]", "renewal_date");
            assertRefused(forecaster, body("a", "a1", "2026-02-01", "likely", "x".repeat(2001)), 400,
                    "reason is 2001 characters long; at most 2000", "reason");
            assertEquals(ForecastBucket.AT_RISK, Overrides.set(forecaster, body("a", "a1", "2026-02-01", "at-risk", null),
                    "ana").bucket(), "any bucket but committed may be set for a red account without a reason");
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void calibrationComparesTheForecastAsThePeriodBeganWithWhatWasKept(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            Books.closedQuarter(store);
            RenewalForecaster forecaster = new RenewalForecaster(store, ForecastSettings.of(Books.config(Map.of(
                    "minRenewalsForSuggestion", 1))), Books.CLOCK);
            List<ReportingPeriod> periods = ReportingPeriod.Length.QUARTER.closed(1, Books.TODAY, 30);
            assertEquals(List.of(new ReportingPeriod("2025-Q3", LocalDate.of(2025, 7, 1), LocalDate.of(2025, 10, 1))), periods,
                    "2025-Q4 ended on 2026-01-01, less than 30 grace days before 2026-01-15");
            Calibration.Result result = Calibration.calibrate(forecaster, periods);
            assertEquals("USD", result.currency().orElseThrow().getCurrencyCode());
            Calibration.PeriodResult q3 = result.periods().get(0);
            assertEquals(LocalDate.of(2025, 6, 30), q3.asOf());
            Calibration.BucketOutcome committed = q3.buckets().get(0);
            assertEquals(new Calibration.BucketOutcome(ForecastBucket.COMMITTED, 3, 230_000_00, 95, 218_500_00, 160_000_00, 1, 1),
                    committed, "h1 kept 100,000; h2 lost 50,000; h3 (override of 2025-06-15) kept 80,000 - 20,000");
            assertEquals(new Calibration.BucketOutcome(ForecastBucket.LIKELY, 0, 0, 80, 0, 0, 0, 0), q3.buckets().get(1));
            assertEquals(new Calibration.BucketOutcome(ForecastBucket.AT_RISK, 1, 40_000_00, 50, 20_000_00, 40_000_00, 0, 0),
                    q3.buckets().get(2), "h4 was yellow on 2025-06-30; its churn came after the grace days");
            assertEquals(new Calibration.BucketOutcome(ForecastBucket.CRITICAL, 1, 20_000_00, 20, 4_000_00, 0, 1, 0),
                    q3.buckets().get(3), "h5's override came after the quarter began");
            assertEquals(Optional.of(new BigDecimal("0.6957")), committed.actualRate());
            assertEquals(290_000_00, q3.arr());
            assertEquals(242_500_00, q3.forecast());
            assertEquals(200_000_00, q3.kept());

            List<Calibration.Suggestion> s = result.suggestions();
            assertEquals(70, s.get(0).suggested(), "160,000 / 230,000 = 69.57%");
            assertEquals("3 renewals kept 69.57% of their ARR at stake: 70% instead of the configured 95%", s.get(0).basis());
            assertEquals(80, s.get(1).suggested(), "no likely renewal: the configured probability stands");
            assertEquals(100, s.get(2).suggested());
            assertEquals(0, s.get(3).suggested());

            RenewalForecaster strict = Books.forecaster(store);
            Calibration.Suggestion few = Calibration.calibrate(strict, periods).suggestions().get(0);
            assertEquals(95, few.suggested());
            assertEquals("3 committed renewals in the closed periods, fewer than the 10 a suggestion needs: the configured "
                    + "95% stands", few.basis());
        }
    }

    @Test
    void renewalDatesCountBackFromTheNextRenewalOrForwardFromTheStartOfAnEndedContract() {
        LocalDate from = LocalDate.of(2024, 1, 1);
        LocalDate to = LocalDate.of(2027, 1, 1);
        assertEquals(List.of(LocalDate.of(2024, 8, 31), LocalDate.of(2025, 8, 31), LocalDate.of(2026, 8, 31)),
                RenewalBook.renewalDates(sub("active", "2023-08-31", "2026-08-31"), from, to, Books.TODAY, 12),
                "back a term at a time from the next renewal, after the start");
        assertEquals(List.of(LocalDate.of(2025, 2, 28), LocalDate.of(2025, 8, 31)),
                RenewalBook.renewalDates(sub("active", "2024-08-31", "2026-02-28"), from, LocalDate.of(2026, 1, 1), Books.TODAY, 6),
                "six-month terms; month ends stay month ends when counted from the next renewal");
        assertEquals(List.of(LocalDate.of(2024, 3, 1), LocalDate.of(2025, 3, 1)),
                RenewalBook.renewalDates(sub("cancelled", "2023-03-01", null), from, to, Books.TODAY, 12),
                "an ended contract without a renewal date: its anniversaries before today");
        assertEquals(List.of(LocalDate.of(2025, 5, 1)),
                RenewalBook.renewalDates(sub("cancelled", "2024-05-01", "2026-05-01"), from, to, Books.TODAY, 12),
                "a cancelled contract does not renew on its date still to come");
        assertEquals(List.of(), RenewalBook.renewalDates(sub("trial", "2025-12-01", "2026-01-01"), from, to, Books.TODAY, 12));
        assertEquals(List.of(), RenewalBook.renewalDates(sub("active", "2025-12-01", null), from, to, Books.TODAY, 12),
                "an active contract without a renewal date does not renew");
    }

    private static io.tenure.api.revenue.Subscription sub(String status, String start, String renewal) {
        return new io.tenure.api.revenue.Subscription("a", "s", "P", Optional.empty(), Optional.empty(), money("1000"),
                LocalDate.parse(start), Optional.ofNullable(renewal).map(LocalDate::parse),
                io.tenure.api.data.Codes.parse(io.tenure.api.revenue.SubscriptionStatus.class, "status", status));
    }

    @Test
    void weightingRoundsHalfEvenToTheMinorUnit() {
        assertEquals(2, RenewalForecaster.weigh(5, 50), "2.5 cents to 2");
        assertEquals(4, RenewalForecaster.weigh(7, 50), "3.5 cents to 4");
        assertEquals(9_500_000_000_000_000L, RenewalForecaster.weigh(10_000_000_000_000_000L, 95), "no overflow");
    }

    private static void assertRefused(RenewalForecaster forecaster, ForecastResource.OverrideBody body, int status,
            String message, String field) {
        io.tenure.api.rest.ApiException e = org.junit.jupiter.api.Assertions.assertThrows(io.tenure.api.rest.ApiException.class,
                () -> Overrides.set(forecaster, body, "ana"));
        assertEquals(status, e.status(), e.getMessage());
        assertEquals(message, e.getMessage());
        assertEquals(List.of(field), e.details());
    }

    static ForecastResource.OverrideBody body(String account, String subscription, String date, String bucket, String reason) {
        ForecastResource.OverrideBody b = new ForecastResource.OverrideBody();
        b.account_id = account;
        b.subscription_id = subscription;
        b.renewal_date = date;
        b.bucket = bucket;
        b.reason = reason;
        return b;
    }

    private static String line(Renewal r) {
        return r.accountId() + "/" + r.subscriptionId() + "/" + r.date() + "/" + code(r.bucket()) + "/"
                + r.arr().toDecimalString();
    }

    private static String code(ForecastBucket b) {
        return io.tenure.api.data.Codes.code(b);
    }

    private static Money money(String major) {
        return Money.parse(major, "USD");
    }
}
