package io.tenure.bench;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.tenure.api.data.Query;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.HealthScore;
import io.tenure.demo.DemoGenerator;
import io.tenure.demo.DemoLoader;
import io.tenure.health.HealthConfig;
import io.tenure.health.HealthEngine;
import io.tenure.health.measures.Champion;
import io.tenure.health.measures.ContactRecency;
import io.tenure.health.measures.FeatureBreadth;
import io.tenure.health.measures.Nps;
import io.tenure.health.measures.SeatUtilisation;
import io.tenure.health.measures.SponsorChange;
import io.tenure.health.measures.SupportLoad;
import io.tenure.health.measures.Threads;
import io.tenure.health.measures.Tone;
import io.tenure.health.measures.UsageTrend;
import io.tenure.store.Database;
import io.tenure.store.JdbcDataStore;

/**
 * A full health recompute through the database: the demo base loaded into PostgreSQL, then every account's history read
 * (as far back as the measures look), scored and the day's scores stored, timed end to end.
 */
public final class HealthDbBenchmark {
    private HealthDbBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int accounts = Integer.getInteger("bench.accounts", 20_000);
        String pgUrl = Optional.ofNullable(System.getenv("TENURE_TEST_JDBC_URL")).orElse("jdbc:postgresql://127.0.0.1:5432/test");
        String pgUser = Optional.ofNullable(System.getenv("TENURE_TEST_JDBC_USER")).orElse(System.getProperty("user.name"));
        String schema = "health_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = DriverManager.getConnection(pgUrl, pgUser, ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        LocalDate asOf = LocalDate.of(2026, 11, 1);
        try (JdbcDataStore store = new JdbcDataStore(Database.open(Optional.of(pgUrl + "?currentSchema=" + schema), Optional.of(pgUser),
                Optional.empty(), Path.of("."), 4))) {
            long t0 = System.nanoTime();
            long records = DemoLoader.load(store, new DemoGenerator(DemoGenerator.DEFAULT_SEED, accounts, asOf), n -> { });
            System.out.printf("Health through PostgreSQL: %,d demo accounts, %,d records loaded in %.0f s%n", accounts, records,
                    (System.nanoTime() - t0) / 1e9);
            List<HealthMeasure> measures = List.of(new SeatUtilisation(), new UsageTrend(), new FeatureBreadth(), new Nps(),
                    new SupportLoad(), new Tone(), new Threads(), new Champion(), new ContactRecency(), new SponsorChange());
            HealthConfig config = (HealthConfig) Proxy.newProxyInstance(HealthConfig.class.getClassLoader(),
                    new Class<?>[] { HealthConfig.class }, (p, m, a) -> m.getName().equals("annotationType") ? HealthConfig.class
                            : m.getDefaultValue());
            HealthEngine engine = new HealthEngine(store, config, measures,
                    Clock.fixed(asOf.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC));
            long best = Long.MAX_VALUE;
            for (int run = 0; run < 2; run++) {
                long t = System.nanoTime();
                engine.recompute(asOf);
                best = Math.min(best, System.nanoTime() - t);
            }
            System.out.printf("  full recompute (read histories, score, store %,d scores): %.1f s; per 100K accounts %.1f s   target < 10 s: %s%n",
                    store.repository(HealthScore.TYPE).count(Query.all()), best / 1e9, best / 1e9 * 100_000 / accounts,
                    best / 1e9 * 100_000 / accounts < 10 ? "MET" : "NOT MET");
        } finally {
            try (Connection c = DriverManager.getConnection(pgUrl, pgUser, ""); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
