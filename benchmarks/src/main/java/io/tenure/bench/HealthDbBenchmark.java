package io.tenure.bench;

import java.io.OutputStream;
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

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import io.tenure.api.data.Query;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.HealthScore;
import io.tenure.demo.DemoGenerator;
import io.tenure.demo.DemoLoader;
import io.tenure.health.HealthConfig;
import io.tenure.health.HealthEngine;
import io.tenure.health.Histories;
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
        LocalDate asOf = DemoBase.AS_OF;
        try (DemoBase base = DemoBase.open("Health", accounts)) {
            JdbcDataStore store = base.store;
            List<HealthMeasure> measures = List.of(new SeatUtilisation(), new UsageTrend(), new FeatureBreadth(), new Nps(),
                    new SupportLoad(), new Tone(), new Threads(), new Champion(), new ContactRecency(), new SponsorChange());
            HealthConfig config = (HealthConfig) Proxy.newProxyInstance(HealthConfig.class.getClassLoader(),
                    new Class<?>[] { HealthConfig.class }, (p, m, a) -> m.getName().equals("annotationType") ? HealthConfig.class
                            : m.getDefaultValue());
            HealthEngine engine = new HealthEngine(store, config, measures,
                    Clock.fixed(asOf.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC));
            engine.recompute(asOf); // warm-up: the first run also compiles the readers and measures
            List<HealthEngine.FullRun> runs = new java.util.ArrayList<>();
            for (int run = 0; run < 3; run++) {
                engine.recompute(asOf);
                HealthEngine.FullRun r = engine.lastFullRun().orElseThrow();
                runs.add(r);
                System.out.printf("  run %d: %,d scores in %,d ms (read histories %,d ms, score %,d ms, store %,d ms)%n", run + 1,
                        r.stored(), r.totalMillis(), r.readMillis(), r.scoreMillis(), r.storeMillis());
            }
            runs.sort(java.util.Comparator.comparingLong(HealthEngine.FullRun::totalMillis));
            double median = runs.get(1).totalMillis() / 1000.0;
            double per100k = median * 100_000 / accounts;
            double copyOut = copyOut(base.schemaUrl(), base.user, asOf);
            System.out.printf("  baseline: PostgreSQL COPY of the same rows out to the client (nothing parsed): %.2f s%n", copyOut);
            System.out.printf("  full recompute, median of 3: %.2f s for %,d accounts (%.1f x the COPY baseline); per 100K accounts %.1f s"
                    + "   target < 10 s: %s%n", median, accounts, median / copyOut, per100k, per100k < 10 ? "MET" : "NOT MET");
        }
    }

    /** Seconds to stream, with COPY, every row a recompute reads (the same tables and lower bounds) to the client. */
    private static double copyOut(String url, String user, LocalDate asOf) throws Exception {
        List<String> selects = List.of("SELECT * FROM accounts", "SELECT * FROM subscriptions",
                "SELECT * FROM usage WHERE date >= '" + asOf.minusDays(Histories.USAGE_DAYS) + "'",
                "SELECT * FROM surveys WHERE date >= '" + asOf.minusDays(Histories.SURVEY_DAYS) + "'",
                "SELECT * FROM tickets WHERE opened >= '" + asOf.minusDays(Histories.CONVERSATION_DAYS) + "'",
                "SELECT * FROM interactions WHERE date >= '" + asOf.minusDays(Histories.CONVERSATION_DAYS) + "'",
                "SELECT * FROM contacts", "SELECT * FROM milestones");
        long best = Long.MAX_VALUE;
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (int run = 0; run < 3; run++) {
                long t = System.nanoTime();
                for (String select : selects) {
                    copy.copyOut("COPY (" + select + ") TO STDOUT", OutputStream.nullOutputStream());
                }
                best = Math.min(best, System.nanoTime() - t);
            }
        }
        return best / 1e9;
    }
}
