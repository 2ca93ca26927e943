package io.tenure.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tenure.api.account.Account;
import io.tenure.api.account.Csm;
import io.tenure.api.data.DataException;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.DemoContribution;
import io.tenure.api.data.EntityType;
import io.tenure.api.data.Query;
import io.tenure.api.readiness.Readiness;
import io.tenure.api.readiness.ReadinessCheck;

/**
 * Fills an empty store with the demo customer base when Tenure runs with {@code --demo} (framework property
 * {@code tenure.demo=true}); never touches a store that holds accounts. Until the data is in, {@code /health} says
 * how far it got.
 */
@Component(service = ReadinessCheck.class, property = ReadinessCheck.FEATURE_PROPERTY + "=core",
        configurationPid = DemoLoader.PID)
@Designate(ocd = DemoLoader.Config.class)
public class DemoLoader implements ReadinessCheck {
    public static final String PID = "io.tenure.demo";
    private static final Logger LOG = LoggerFactory.getLogger(DemoLoader.class);
    private static final int SLICE = 250;

    @ObjectClassDefinition(name = "Tenure demo data", description = "The generated customer base loaded by --demo.")
    public @interface Config {
        @AttributeDefinition(name = "Accounts", description = "How many accounts to generate.", min = "1", max = "1000000")
        int accounts() default DemoGenerator.DEFAULT_ACCOUNTS;

        @AttributeDefinition(name = "Seed", description = "The same seed gives the same customer base.")
        long seed() default DemoGenerator.DEFAULT_SEED;
    }

    @Reference
    private DataStore store;

    private volatile Readiness readiness = Readiness.ready("no demo data asked for");
    private volatile String base = "";
    /** Runs the base load and then each contribution, one at a time; null without --demo. */
    private java.util.concurrent.ExecutorService worker;
    private final java.util.Set<DemoContribution> contributions = new java.util.LinkedHashSet<>();
    private final java.util.Map<String, String> contributed = new java.util.TreeMap<>();
    private boolean baseDone;
    private long seed;

    @Activate
    void activate(BundleContext context, Config config) {
        if (!Boolean.parseBoolean(context.getProperty("tenure.demo"))) {
            return;
        }
        readiness = Readiness.notReady("loading demo data");
        int accounts = Optional.ofNullable(context.getProperty("tenure.demo.accounts")).map(Integer::parseInt)
                .orElse(config.accounts());
        synchronized (contributions) {
            seed = config.seed();
            worker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "tenure-demo");
                t.setDaemon(true);
                return t;
            });
            worker.execute(() -> load(accounts, config.seed()));
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        java.util.concurrent.ExecutorService w;
        synchronized (contributions) {
            w = worker;
            worker = null;
        }
        if (w != null) {
            w.shutdownNow();
            w.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** A bundle's demo records: added once the base demo data is in (only with --demo, only when not there yet). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addContribution(DemoContribution contribution) {
        synchronized (contributions) {
            contributions.add(contribution);
            if (baseDone && worker != null) {
                worker.execute(() -> contribute(contribution));
            }
        }
    }

    void removeContribution(DemoContribution contribution) {
        synchronized (contributions) {
            contributions.remove(contribution);
        }
    }

    private void load(int accounts, long seed) {
        try {
            if (!store.isEmpty()) {
                base = "the store already holds accounts; demo data not loaded";
                LOG.info("The store already holds accounts; demo data not loaded");
            } else {
                long started = System.nanoTime();
                long rows = load(store, new DemoGenerator(seed, accounts, LocalDate.now(Clock.systemUTC())),
                        done -> readiness = Readiness.notReady("loading demo data: " + done + " of " + accounts + " accounts"));
                base = "demo data loaded: " + accounts + " accounts";
                LOG.info("Loaded demo data: {} accounts, {} records in {} ms", accounts, rows,
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (DataException | RuntimeException e) {
            readiness = Readiness.failed("the demo data could not be loaded: " + e.getMessage());
            LOG.error("The demo data could not be loaded", e);
            return;
        }
        List<DemoContribution> now;
        synchronized (contributions) {
            baseDone = true;
            now = List.copyOf(contributions);
        }
        now.forEach(this::contribute);
        report();
    }

    /**
     * Runs one contribution if its records are not there yet. A contribution that fails is logged and reported in the
     * detail of {@code /health}; the base demo data and the other contributions stay.
     */
    private void contribute(DemoContribution contribution) {
        synchronized (contributions) {
            if (!contributions.contains(contribution)) {
                return;
            }
        }
        String name;
        try {
            name = contribution.name();
        } catch (RuntimeException e) {
            name = contribution.getClass().getName();
        }
        try {
            if (contribution.present(store)) {
                return;
            }
            readiness = Readiness.notReady("adding demo data: " + name);
            long started = System.nanoTime();
            List<Account> accounts = new java.util.ArrayList<>();
            store.repository(Account.TYPE).forEach(Query.all(), accounts::add);
            long rows = contribution.contribute(store, List.copyOf(accounts), LocalDate.now(Clock.systemUTC()), seed);
            contributed.put(name, rows + " records");
            LOG.info("Demo data of {}: {} records in {} ms", name, rows, (System.nanoTime() - started) / 1_000_000);
        } catch (DataException | RuntimeException e) {
            contributed.put(name, "failed: " + e.getMessage());
            LOG.error("The demo data of {} could not be added", name, e);
        } finally {
            report();
        }
    }

    private void report() {
        synchronized (contributions) {
            if (!baseDone) {
                return;
            }
        }
        readiness = Readiness.ready(base + (contributed.isEmpty() ? "" : "; " + contributed.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(java.util.stream.Collectors.joining(", "))));
    }

    /**
     * Generates and stores the whole customer base slice by slice (memory stays bounded whatever the size).
     *
     * @param progress called with the number of accounts stored so far
     * @return the number of records stored
     */
    public static long load(DataStore store, DemoGenerator generator, LongConsumer progress) throws DataException {
        long rows = store.saveAll(Csm.TYPE, generator.csms());
        DemoData slice = new DemoData();
        for (int from = 0; from < generator.accounts(); from += SLICE) {
            if (Thread.currentThread().isInterrupted()) {
                throw new DataException("interrupted after " + from + " accounts");
            }
            int to = Math.min(generator.accounts(), from + SLICE);
            generator.generate(from, to, slice);
            for (EntityType<?> type : store.types()) {
                rows += save(store, type, slice);
            }
            slice.clear();
            progress.accept(to);
        }
        return rows;
    }

    private static <T> long save(DataStore store, EntityType<T> type, DemoData slice) throws DataException {
        List<T> records = slice.of(type);
        return records.isEmpty() ? 0 : store.saveAll(type, records);
    }

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public Readiness check() {
        return readiness;
    }
}
