package io.tenure.runtime.modules;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the framework's own warnings and errors — a component that cannot be activated, a bundle that cannot be
 * resolved, Declarative Services reporting a bad descriptor — into Tenure's log, where they are otherwise invisible.
 */
@Component(immediate = true, service = {})
public class FrameworkLog implements LogListener {
    private static final Logger LOG = LoggerFactory.getLogger("osgi");

    @Reference
    private LogReaderService reader;

    @Activate
    void activate() {
        reader.addLogListener(this);
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        if (LogLevel.WARN.implies(entry.getLogLevel()) && entry.getLogLevel() != LogLevel.AUDIT) {
            String source = entry.getBundle() == null ? "framework" : entry.getBundle().getSymbolicName();
            if (entry.getLogLevel() == LogLevel.WARN) {
                LOG.warn("{}: {}", source, entry.getMessage(), entry.getException());
            } else {
                LOG.error("{}: {}", source, entry.getMessage(), entry.getException());
            }
        }
    }
}
