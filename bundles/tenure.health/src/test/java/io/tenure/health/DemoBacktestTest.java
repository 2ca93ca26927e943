package io.tenure.health;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.HealthStatus;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.demo.DemoData;
import io.tenure.demo.DemoGenerator;
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
 * The backtest on the demo customer base: the default measures and weights, scored 90 days before each renewal or
 * voluntary churn of the last year, separate churners from renewers. The generator knows nothing of the scorer.
 */
class DemoBacktestTest {
    static final List<HealthMeasure> MEASURES = List.of(new SeatUtilisation(), new UsageTrend(), new FeatureBreadth(), new Nps(),
            new SupportLoad(), new Tone(), new Threads(), new Champion(), new ContactRecency(), new SponsorChange());

    static HealthConfig config(Map<String, Object> overrides) {
        return (HealthConfig) Proxy.newProxyInstance(HealthConfig.class.getClassLoader(), new Class<?>[] { HealthConfig.class },
                (proxy, method, args) -> method.getName().equals("annotationType") ? HealthConfig.class
                        : overrides.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    @Test
    void theScoreSeparatesChurnersFromRenewersOnTheDemoData() {
        LocalDate asOf = LocalDate.of(2026, 11, 1);
        DemoGenerator generator = new DemoGenerator(DemoGenerator.DEFAULT_SEED, DemoGenerator.DEFAULT_ACCOUNTS, asOf);
        DemoData data = new DemoData();
        generator.generate(0, generator.accounts(), data);
        Map<String, AccountHistory> histories = data.histories(asOf);
        List<Backtest.Event> events = Backtest.events(histories, data.of(ArrMovement.TYPE), asOf.minusYears(1), asOf, false);
        Backtest.Result r = Backtest.run(events, histories, new HealthScorer(config(Map.of())), MEASURES, 90);
        System.out.printf("backtest: %d accounts, %d churned, AUC %s%n", r.accounts(), r.churned(), r.auc());
        for (HealthStatus s : HealthStatus.values()) {
            long[] row = r.byStatus().get(s);
            System.out.printf("  %-7s %5d accounts, %4d churned (%.1f%%)%n", s, row[0], row[1], row[0] == 0 ? 0 : 100.0 * row[1] / row[0]);
        }
        r.measures().forEach(m -> System.out.println("  " + m));
        assertTrue(r.churned() > 50, "enough churners: " + r.churned());
        assertTrue(r.auc().compareTo(new BigDecimal("0.75")) >= 0, "AUC " + r.auc());
        long[] red = r.byStatus().get(HealthStatus.RED);
        long[] yellow = r.byStatus().get(HealthStatus.YELLOW);
        long[] green = r.byStatus().get(HealthStatus.GREEN);
        double notGreen = (double) (red[1] + yellow[1]) / (red[0] + yellow[0]);
        assertTrue(notGreen > 3 * (double) green[1] / green[0], "yellow and red churn far more often than green");
    }
}
