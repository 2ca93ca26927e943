package io.tenure.runtime.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.log.FormatterLogger;
import org.osgi.service.log.LogService;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The OSGi Log Service of the runtime, written straight to slf4j (the one log of Tenure): Declarative Services, Config
 * Admin, Event Admin, FileInstall and Felix HTTP log through it, each bundle under {@code osgi.<symbolic name>} (the
 * launcher sets {@code osgi} to warnings and errors). It replaced Felix Log, whose logger answered every "is debug
 * on?" by formatting two strings, thousands of times per start and per module toggle, and which kept an in-memory
 * log nobody read. One instance per bundle that uses it ({@link ServiceScope#BUNDLE}), so the loggers it hands out
 * name that bundle.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, scope = ServiceScope.BUNDLE, service = {LoggerFactory.class, LogService.class},
        property = "service.ranking:Integer=100")
public class OsgiLog implements LogService {
    private static final int MAX_LOGGERS = 10_000;
    private final Bundle user;
    private final Map<String, BridgeLogger> loggers = new ConcurrentHashMap<>();

    @Activate
    public OsgiLog(ComponentContext context) {
        this.user = context.getUsingBundle();
    }

    OsgiLog(Bundle user) {
        this.user = user;
    }

    /** The slf4j logger name for a bundle's OSGi log entries. */
    static String slf4jName(Bundle bundle) {
        String symbolicName = bundle == null ? null : bundle.getSymbolicName();
        return "osgi." + (symbolicName == null ? "framework" : symbolicName);
    }

    private BridgeLogger logger(Bundle bundle, String name, boolean printf) {
        Bundle owner = bundle == null ? user : bundle;
        String key = (printf ? "f:" : "l:") + (owner == null ? 0 : owner.getBundleId()) + ":" + name;
        if (loggers.size() > MAX_LOGGERS) {
            loggers.clear(); // bundles come and go (each update is a new id): start over rather than grow
        }
        return loggers.computeIfAbsent(key,
                k -> new BridgeLogger(name, org.slf4j.LoggerFactory.getLogger(slf4jName(owner)), printf));
    }

    private static boolean printf(Class<?> loggerType) {
        if (loggerType == FormatterLogger.class) {
            return true;
        }
        if (loggerType == Logger.class) {
            return false;
        }
        throw new IllegalArgumentException("unsupported logger type " + loggerType.getName()
                + "; this log service hands out " + Logger.class.getName() + " and " + FormatterLogger.class.getName());
    }

    @Override
    public Logger getLogger(String name) {
        return logger(null, name, false);
    }

    @Override
    public Logger getLogger(Class<?> clazz) {
        return logger(null, clazz.getName(), false);
    }

    @Override
    public <L extends Logger> L getLogger(String name, Class<L> loggerType) {
        return loggerType.cast(logger(null, name, printf(loggerType)));
    }

    @Override
    public <L extends Logger> L getLogger(Class<?> clazz, Class<L> loggerType) {
        return loggerType.cast(logger(null, clazz.getName(), printf(loggerType)));
    }

    @Override
    public <L extends Logger> L getLogger(Bundle bundle, String name, Class<L> loggerType) {
        return loggerType.cast(logger(bundle, name, printf(loggerType)));
    }

    // The service of OSGi R4-R6, still what FileInstall and Config Admin call.

    @Override
    @SuppressWarnings("deprecation")
    public void log(int level, String message) {
        log(null, level, message, null);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void log(int level, String message, Throwable exception) {
        log(null, level, message, exception);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void log(ServiceReference<?> service, int level, String message) {
        log(service, level, message, null);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void log(ServiceReference<?> service, int level, String message, Throwable exception) {
        Logger logger = logger(null, Logger.ROOT_LOGGER_NAME, false);
        String text = service == null ? message : message + " (service " + service.getProperty("service.id") + ")";
        // {} in the message is text here, not a placeholder: the message is the argument.
        switch (level) {
            case LOG_ERROR -> logger.error("{}", text, exception);
            case LOG_WARNING -> logger.warn("{}", text, exception);
            case LOG_INFO -> logger.info("{}", text, exception);
            default -> logger.debug("{}", text, exception);
        }
    }
}
