package io.tenure.bench;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;

import io.tenure.api.task.Task;
import io.tenure.health.HistoryService;
import io.tenure.playbooks.PlaybookEngine;
import io.tenure.playbooks.Settings;
import io.tenure.playbooks.triggers.DefaultTriggers;

/**
 * Every default playbook trigger evaluated on every account of the demo base in PostgreSQL: the first run (which files
 * the post-mortem records and creates the tasks), then the median of three re-evaluations that find nothing new. The
 * baseline is reading what the triggers look at (the accounts' histories) without evaluating anything.
 */
public final class PlaybooksBenchmark {
    private PlaybooksBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int accounts = Integer.getInteger("bench.accounts", 100_000);
        try (DemoBase base = DemoBase.open("Playbooks", accounts)) {
            HistoryService histories = new HistoryService(base.store);
            PlaybookEngine engine = new PlaybookEngine(base.store, histories, Settings.of(PlaybookEngine.Config.class, Map.of()),
                    DefaultTriggers.all(), Clock.fixed(DemoBase.AS_OF.atTime(9, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
            PlaybookEngine.Run first = engine.run();
            System.out.printf("  first run: %,d accounts, %,d tasks created, %,d escalated, %,d post-mortem records in %,d ms%n",
                    first.accounts(), first.created().size(), first.escalated().size(), first.postmortems(), first.millis());
            Map<String, Long> byPlaybook = new java.util.TreeMap<>();
            first.created().forEach(t -> byPlaybook.merge(t.playbook(), 1L, Long::sum));
            System.out.println("  tasks by playbook: " + byPlaybook);
            long[] runs = new long[3];
            for (int i = 0; i < runs.length; i++) {
                PlaybookEngine.Run again = engine.run();
                runs[i] = again.millis();
                if (!again.created().isEmpty()) {
                    throw new IllegalStateException("a re-evaluation created " + again.created().size() + " tasks: " + again.created().get(0));
                }
            }
            java.util.Arrays.sort(runs);
            long read = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long t = System.nanoTime();
                histories.all(DemoBase.AS_OF, DemoBase.AS_OF);
                read = Math.min(read, (System.nanoTime() - t) / 1_000_000);
            }
            System.out.printf("  baseline: reading every account's history, nothing evaluated: %,d ms%n", read);
            double per100k = runs[1] / 1000.0 * 100_000 / accounts;
            System.out.printf("  all %d triggers on %,d accounts, median of 3 re-evaluations: %,d ms (%.1f x the read baseline); "
                    + "per 100K accounts %.1f s   target < 10 s: %s%n", DefaultTriggers.all().size(), accounts, runs[1],
                    (double) runs[1] / read, per100k, per100k < 10 ? "MET" : "NOT MET");
            System.out.printf("  tasks stored: %,d%n", base.store.repository(Task.TYPE).count(io.tenure.api.data.Query.all()));
        }
    }
}
