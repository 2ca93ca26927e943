package io.tenure.faulty;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.osgi.service.component.annotations.Component;

import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.MeasureResult;

/** Two badly written health measures: one throws on every account, one never answers and ignores interrupts. */
public final class FaultyMeasures {
    private FaultyMeasures() {
    }

    /** Throws. */
    @Component(service = HealthMeasure.class)
    public static class Fails implements HealthMeasure {
        @Override
        public String name() {
            return "faulty_fails";
        }

        @Override
        public Dimension dimension() {
            return Dimension.USAGE;
        }

        @Override
        public Optional<MeasureResult> score(AccountHistory history) {
            throw new IllegalStateException("faulty measure cannot reach its data");
        }
    }

    /** Never answers. */
    @Component(service = HealthMeasure.class)
    public static class Hangs implements HealthMeasure {
        private static final CountDownLatch NEVER = new CountDownLatch(1);

        @Override
        public String name() {
            return "faulty_hangs";
        }

        @Override
        public Dimension dimension() {
            return Dimension.SENTIMENT;
        }

        @Override
        public Optional<MeasureResult> score(AccountHistory history) {
            while (true) {
                try {
                    NEVER.await();
                } catch (InterruptedException e) {
                    // a badly written measure swallows the interrupt and goes on waiting
                }
            }
        }
    }
}
