package io.tenure.bench;

import java.lang.reflect.Proxy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.HealthMeasure;
import io.tenure.demo.DemoData;
import io.tenure.demo.DemoGenerator;
import io.tenure.health.HealthConfig;
import io.tenure.health.HealthScorer;
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

/**
 * Scoring every account of a large demo base (100K by default) with the ten default measures, against the baseline
 * of merely walking the same records once (the least any scorer must do), in the same run. Target: a full recompute
 * of 100K accounts under 10 s on 2 cores. Loading from and saving to the database are not part of this figure.
 */
public final class HealthBenchmark {
    private HealthBenchmark() {
    }

    public static void main(String[] args) {
        int accounts = Integer.getInteger("bench.accounts", 100_000);
        LocalDate asOf = LocalDate.of(2026, 11, 1);
        DemoGenerator generator = new DemoGenerator(DemoGenerator.DEFAULT_SEED, accounts, asOf);
        List<HealthMeasure> measures = List.of(new SeatUtilisation(), new UsageTrend(), new FeatureBreadth(), new Nps(),
                new SupportLoad(), new Tone(), new Threads(), new Champion(), new ContactRecency(), new SponsorChange());
        HealthConfig config = (HealthConfig) Proxy.newProxyInstance(HealthConfig.class.getClassLoader(),
                new Class<?>[] { HealthConfig.class }, (p, m, a) -> m.getName().equals("annotationType") ? HealthConfig.class
                        : m.getDefaultValue());
        HealthScorer scorer = new HealthScorer(config);
        List<AccountHistory> histories = new ArrayList<>(accounts);
        long records = 0;
        for (int from = 0; from < accounts; from += 5000) {
            DemoData data = new DemoData();
            generator.generate(from, Math.min(accounts, from + 5000), data);
            records += data.size();
            histories.addAll(data.histories(asOf).values());
        }
        System.out.printf("Health: %,d accounts, %,d records in memory, %d cores%n", accounts, records,
                Runtime.getRuntime().availableProcessors());
        long walk = Long.MAX_VALUE;
        long score = Long.MAX_VALUE;
        long checksum = 0;
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            for (AccountHistory h : histories) {
                checksum += h.usage().size() + h.interactions().size() + h.tickets().size() + h.surveys().size() + h.contacts().size();
                for (UsageRollup u : h.usage()) {
                    checksum += u.events();
                }
            }
            walk = Math.min(walk, System.nanoTime() - t0);
            long t1 = System.nanoTime();
            for (AccountHistory h : histories) {
                checksum += scorer.score(h, measures).score().score();
            }
            score = Math.min(score, System.nanoTime() - t1);
        }
        System.out.printf("  baseline: walk every record once            %8.0f ms%n", walk / 1e6);
        System.out.printf("  full recompute, 10 measures, composite       %8.0f ms   ratio %.1f   target < 10,000 ms: %s%n",
                score / 1e6, (double) score / walk, score < 10_000_000_000L ? "MET" : "NOT MET");
        System.out.println("  (checksum " + checksum + ")");
    }
}
