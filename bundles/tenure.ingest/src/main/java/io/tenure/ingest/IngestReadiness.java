package io.tenure.ingest;

import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.tenure.api.readiness.Readiness;
import io.tenure.api.readiness.ReadinessCheck;

/**
 * Ingestion in {@code /health}: not ready, with the reason, while its configuration is not valid (the
 * {@link Ingestion} component then runs without a log and answers 503) or before its log is open. The reason comes
 * from the running component itself, so {@code /health} always tells what the tracking API answers.
 */
@Component(service = ReadinessCheck.class, property = ReadinessCheck.FEATURE_PROPERTY + "=ingest",
        configurationPolicy = ConfigurationPolicy.IGNORE)
public class IngestReadiness implements ReadinessCheck {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Ingestion ingestion;

    public IngestReadiness() {
    }

    /** A check of this ingestion (tests). */
    IngestReadiness(Ingestion ingestion) {
        this.ingestion = ingestion;
    }

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public Readiness check() {
        Ingestion current = ingestion;
        if (current == null) {
            return Readiness.notReady("starting the write-ahead log");
        }
        Optional<String> invalid = current.invalid();
        if (invalid.isPresent()) {
            return Readiness.notReady(invalid.get());
        }
        // After a configuration change the component is a new instance, and the HTTP server swaps the tracking servlet
        // over to it a moment later: until then calls still reach the old one, which is stopping (503).
        if (!current.served()) {
            return Readiness.notReady("the tracking API at /v1 is not served by the running ingestion yet");
        }
        return Readiness.ready("journal " + current.journal() + ", " + current.backlogBytes() + " bytes not yet applied");
    }
}
