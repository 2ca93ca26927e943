package io.tenure.runtime.logging;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the framework's own errors and warnings — a bundle whose activator throws, a bundle that cannot be resolved
 * or started at its start level, a listener that failed — into Tenure's log, where they are otherwise invisible.
 * (Declarative Services reports a bad component through the log service, {@link OsgiLog}.)
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, immediate = true, service = {})
public class FrameworkLog implements FrameworkListener {
    private static final Logger LOG = LoggerFactory.getLogger("osgi");
    private BundleContext context;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        context.addFrameworkListener(this);
    }

    @Deactivate
    void deactivate() {
        context.removeFrameworkListener(this);
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() != FrameworkEvent.ERROR && event.getType() != FrameworkEvent.WARNING) {
            return;
        }
        String source = event.getBundle() == null || event.getBundle().getBundleId() == 0 ? "framework"
                : event.getBundle().getSymbolicName();
        Throwable thrown = event.getThrowable();
        String message = thrown == null ? "(no detail)" : String.valueOf(thrown.getMessage());
        if (event.getType() == FrameworkEvent.WARNING) {
            LOG.warn("{}: {}", source, message, thrown);
        } else {
            LOG.error("{}: {}", source, message, thrown);
        }
    }
}
