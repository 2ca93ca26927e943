package io.tenure.forecast;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.tenure.api.account.Account;
import io.tenure.api.data.DataFormat;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityType;
import io.tenure.api.forecast.ForecastOverride;
import io.tenure.api.health.HealthScore;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.Subscription;

/** The books the forecast tests run on, each with figures worked out by hand in the tests. */
final class Books {
    static final LocalDate TODAY = LocalDate.of(2026, 1, 15);
    static final Clock CLOCK = Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    private Books() {
    }

    /** The forecast with the default settings on {@code store}, today being {@link #TODAY}. */
    static RenewalForecaster forecaster(DataStore store) {
        return new RenewalForecaster(store, ForecastSettings.DEFAULTS, CLOCK);
    }

    /** Settings from the defaults, with some changed. */
    static ForecastConfig config(Map<String, Integer> changed) {
        return (ForecastConfig) Proxy.newProxyInstance(ForecastConfig.class.getClassLoader(),
                new Class<?>[] { ForecastConfig.class }, (p, m, a) -> m.getName().equals("annotationType") ? ForecastConfig.class
                        : changed.getOrDefault(m.getName(), (Integer) m.getDefaultValue()));
    }

    /**
     * Renewals of 2026-Q1 as of 2026-01-15: a (red, 100,000), b (green 90, 200,000), c (green 75, renewed on
     * 2026-01-10 with 60,000 at stake), d (yellow, 40,000), e (unscored, no movements: the contract's 30,000), f1 (green
     * 70, one of two subscriptions of f: the contract's 10,000; f2 renews after the quarter), g (a trial).
     */
    static void quarter(DataStore store) throws Exception {
        store.importData(List.of(
                input(Account.TYPE, "account_id,name,vertical,segment,signed_date,owner\n"
                        + "a,A,enterprise,enterprise,2024-02-01,ana\nb,B,enterprise,enterprise,2025-03-01,ana\n"
                        + "c,C,plg,smb,2024-01-10,ben\nd,D,plg,smb,2025-02-15,ben\ne,E,plg,smb,2025-03-20,ben\n"
                        + "f,F,haas,mid_market,2025-03-31,ana\ng,G,plg,smb,2026-01-02,ben\n"),
                input(Subscription.TYPE, "account_id,subscription_id,product,arr,currency,start_date,renewal_date,status\n"
                        + "a,a1,P,100000,USD,2024-02-01,2026-02-01,active\n"
                        + "b,b1,P,200000,USD,2025-03-01,2026-03-01,active\n"
                        + "c,c1,P,60000,USD,2024-01-10,2027-01-10,active\n"
                        + "d,d1,P,40000,USD,2025-02-15,2026-02-15,active\n"
                        + "e,e1,P,30000,USD,2025-03-20,2026-03-20,active\n"
                        + "f,f1,P,10000,USD,2025-03-31,2026-03-31,active\nf,f2,Q,5000,USD,2025-04-01,2026-04-01,active\n"
                        + "g,g1,P,9000,USD,2026-01-02,2026-02-10,trial\n"),
                input(ArrMovement.TYPE, "account_id,date,type,kind,amount,currency,source\n"
                        + "a,2024-02-01,new,,100000,USD,sales_led\nb,2025-03-01,new,,200000,USD,sales_led\n"
                        + "c,2024-01-10,new,,50000,USD,sales_led\nc,2025-06-01,expansion,seat,10000,USD,cs_led\n"
                        + "c,2026-01-12,expansion,seat,7000,USD,cs_led\n"
                        + "d,2025-02-15,new,,40000,USD,sales_led\nf,2025-03-31,new,,15000,USD,sales_led\n"),
                input(HealthScore.TYPE, "account_id,date,score,status\n"
                        + "a,2025-12-01,72,green\na,2026-01-10,30,red\nb,2026-01-10,90,green\nc,2026-01-12,75,green\n"
                        + "d,2025-12-01,55,yellow\nf,2026-01-14,70,green\nb,2026-01-16,20,red\n")), n -> { });
    }

    /**
     * Renewals of 2025-Q3 as the quarter began (2025-06-30): h1 committed (green 90), renewed 100,000; h2 committed
     * (green 88), churned its 50,000 at the renewal; h3 likely (green 75) but committed by an override made on
     * 2025-06-15, renewed 80,000 less a 20,000 contraction five days later; h4 at risk (yellow; its green of 2025-07-05
     * came after the forecast), renewed 40,000 and churned long after the grace days; h5 critical (red), churned its
     * 20,000 (its override of 2025-08-01 came after the forecast); h6 signed in the quarter (no renewal); h7 churned
     * before the quarter (nothing at stake).
     */
    static void closedQuarter(DataStore store) throws Exception {
        store.importData(List.of(
                input(Account.TYPE, "account_id,name,vertical,segment,signed_date,owner\n"
                        + "h1,H1,plg,smb,2024-08-01,ana\nh2,H2,plg,smb,2024-09-01,ana\nh3,H3,plg,smb,2023-07-15,ana\n"
                        + "h4,H4,plg,smb,2024-08-10,ana\nh5,H5,plg,smb,2024-09-15,ana\nh6,H6,plg,smb,2025-08-01,ana\n"
                        + "h7,H7,plg,smb,2024-08-20,ana\n"),
                input(Subscription.TYPE, "account_id,subscription_id,product,arr,currency,start_date,renewal_date,status\n"
                        + "h1,s,P,100000,USD,2024-08-01,2026-08-01,active\nh2,s,P,50000,USD,2024-09-01,,cancelled\n"
                        + "h3,s,P,70000,USD,2023-07-15,2026-07-15,active\nh4,s,P,40000,USD,2024-08-10,2026-08-10,active\n"
                        + "h5,s,P,20000,USD,2024-09-15,,cancelled\nh6,s,P,30000,USD,2025-08-01,2026-08-01,active\n"
                        + "h7,s,P,10000,USD,2024-08-20,,cancelled\n"),
                input(ArrMovement.TYPE, "account_id,date,type,kind,amount,currency,source\n"
                        + "h1,2024-08-01,new,,100000,USD,sales_led\nh2,2024-09-01,new,,50000,USD,sales_led\n"
                        + "h2,2025-09-01,churn,voluntary,50000,USD,cs_led\n"
                        + "h3,2023-07-15,new,,80000,USD,sales_led\nh3,2025-07-20,contraction,seat,20000,USD,cs_led\n"
                        + "h3,2025-08-01,expansion,seat,10000,USD,cs_led\n"
                        + "h4,2024-08-10,new,,40000,USD,sales_led\nh4,2025-11-30,churn,involuntary,40000,USD,cs_led\n"
                        + "h5,2024-09-15,new,,20000,USD,sales_led\nh5,2025-09-15,churn,voluntary,20000,USD,cs_led\n"
                        + "h6,2025-08-01,new,,30000,USD,sales_led\n"
                        + "h7,2024-08-20,new,,10000,USD,sales_led\nh7,2025-05-01,churn,voluntary,10000,USD,cs_led\n"),
                input(HealthScore.TYPE, "account_id,date,score,status\n"
                        + "h1,2025-06-20,90,green\nh2,2025-06-01,88,green\nh3,2025-06-30,75,green\nh4,2025-06-10,60,yellow\n"
                        + "h4,2025-07-05,95,green\nh5,2025-06-25,30,red\n"),
                input(ForecastOverride.TYPE, "account_id,subscription_id,renewal_date,bucket,reason,health,set_by,set_at\n"
                        + "h3,s,2025-07-15,committed,Signed early,green,ana,2025-06-15T10:00:00Z\n"
                        + "h5,s,2025-09-15,likely,,red,ana,2025-08-01T10:00:00Z\n")), n -> { });
    }

    static DataStore.ImportInput input(EntityType<?> type, String csv) {
        return new DataStore.ImportInput(type, DataFormat.CSV, type.name() + ".csv",
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }
}
