package io.tenure.runtime.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.tenure.api.module.ExtensionFaults;
import io.tenure.api.module.ModuleInfo;
import io.tenure.api.module.ModuleKind;
import io.tenure.api.module.ModuleState;

/** Faults are counted per bundle, the latest kept in full and bounded, and summed per feature. */
class FaultRecorderTest {

    @Test
    void countsPerBundleKeepsTheLatestAndForgetsTheOldest() {
        FaultRecorder faults = new FaultRecorder(Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));
        Object measure = new Object();
        for (int i = 0; i < FaultRecorder.KEPT + 50; i++) {
            faults.failed(measure, "m", "health measure", new IllegalStateException("boom " + i));
        }
        faults.timedOut(measure, "m", "health measure", Duration.ofMillis(2000));
        assertEquals(FaultRecorder.KEPT, faults.recent(1000).size(), "bounded");
        ExtensionFaults.Fault latest = faults.recent(1).get(0);
        assertEquals(ExtensionFaults.Kind.TIMED_OUT, latest.kind());
        assertEquals("did not answer within 2000 ms", latest.message());
        assertEquals("IllegalStateException: boom " + (FaultRecorder.KEPT + 49), faults.recent(2).get(1).message());
        List<ExtensionFaults.Summary> summaries = faults.summaries();
        assertEquals(1, summaries.size());
        String bundle = FaultRecorder.bundleOf(measure);
        assertEquals(new ExtensionFaults.Summary(bundle, FaultRecorder.KEPT + 50, 1, latest), summaries.get(0));

        ModuleInfo feature = new ModuleInfo("vertical", ModuleKind.FEATURE, "A vertical", "1.0", "Tenure", ModuleState.ACTIVE,
                false, "feature", List.of("other.bundle", bundle), List.of("core"), List.of(), Optional.empty());
        assertEquals(Optional.of(new ExtensionFaults.Summary("vertical", FaultRecorder.KEPT + 50, 1, latest)),
                ExtensionFaults.of(feature, summaries), "a feature counts its bundles' faults");
        ModuleInfo clean = new ModuleInfo("clean", ModuleKind.BUNDLE, "Clean", "1.0", "Tenure", ModuleState.ACTIVE, false,
                "feature", List.of(), List.of(), List.of(), Optional.empty());
        assertTrue(ExtensionFaults.of(clean, summaries).isEmpty());
    }
}
