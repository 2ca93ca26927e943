package io.tenure.ingest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.tenure.api.readiness.Readiness;
import io.tenure.api.readiness.ReadinessCheck;

/**
 * Ingestion in {@code /health}: not ready, with the reason, while its configuration is not valid (ingestion itself
 * does not start then) or before its log is open.
 */
@Component(service = ReadinessCheck.class, configurationPid = IngestConfig.PID,
        property = ReadinessCheck.FEATURE_PROPERTY + "=ingest")
public class IngestReadiness implements ReadinessCheck {
    private volatile String invalid;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Ingestion ingestion;

    @Activate
    @Modified
    void configure(IngestConfig config) {
        try {
            Settings.of(config);
            invalid = null;
        } catch (IllegalArgumentException e) {
            invalid = e.getMessage();
        }
    }

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public Readiness check() {
        String problem = invalid;
        if (problem != null) {
            return Readiness.notReady(problem);
        }
        Ingestion current = ingestion;
        if (current == null) {
            return Readiness.notReady("starting the write-ahead log");
        }
        return Readiness.ready("journal " + current.journal() + ", " + current.backlogBytes() + " bytes not yet applied");
    }
}
