package io.tenure.runtime.logging;

import java.util.Arrays;

import org.osgi.framework.ServiceReference;
import org.osgi.service.log.FormatterLogger;
import org.osgi.service.log.LoggerConsumer;
import org.slf4j.Logger;

/**
 * An OSGi {@link org.osgi.service.log.Logger} (and {@link FormatterLogger}) that writes to the slf4j logger
 * {@code osgi.<bundle symbolic name>}: whether a level is on is slf4j's answer, a field read, so asking is cheap.
 * Messages with {@code {}} placeholders are formatted by slf4j, a trailing {@link Throwable} argument is the
 * exception (as the OSGi specification and slf4j both say); a {@link FormatterLogger} formats with
 * {@link String#format}. Audit entries, which OSGi logs whatever the level, are written as warnings (as errors where warnings are off).
 */
final class BridgeLogger implements FormatterLogger {
    private final String name;
    private final Logger target;
    private final boolean printf;

    BridgeLogger(String name, Logger target, boolean printf) {
        this.name = name;
        this.target = target;
        this.printf = printf;
    }

    private enum Level { TRACE, DEBUG, INFO, WARN, ERROR }

    private boolean enabled(Level level) {
        return switch (level) {
            case TRACE -> target.isTraceEnabled();
            case DEBUG -> target.isDebugEnabled();
            case INFO -> target.isInfoEnabled();
            case WARN -> target.isWarnEnabled();
            case ERROR -> target.isErrorEnabled();
        };
    }

    private void log(Level level, String message, Object... args) {
        if (enabled(level)) {
            logAlways(level, message, args);
        }
    }

    /**
     * Writes an entry whatever the level. The arguments may end with a {@link ServiceReference} (the service the entry
     * is about, dropped here: slf4j has no place for it) and, before it or last, a {@link Throwable}, the exception.
     * Nothing a caller passes makes this throw.
     */
    private void logAlways(Level level, String message, Object[] given) {
        Object[] args = given == null ? new Object[0] : given;
        int n = args.length;
        if (n > 0 && args[n - 1] instanceof ServiceReference<?>) {
            n--;
        }
        Throwable thrown = n > 0 && args[n - 1] instanceof Throwable t ? t : null;
        if (printf) {
            int formatArgs = thrown == null ? n : n - 1;
            String text;
            try {
                text = formatArgs == 0 ? String.valueOf(message) : String.format(String.valueOf(message), Arrays.copyOf(args, formatArgs));
            } catch (RuntimeException e) {
                text = message + " (unformattable: " + e.getMessage() + ")";
            }
            write(level, "{}", thrown == null ? new Object[] {text} : new Object[] {text, thrown});
        } else {
            write(level, String.valueOf(message), n == args.length ? args : Arrays.copyOf(args, n));
        }
    }

    private void write(Level level, String message, Object[] args) {
        switch (level) {
            case TRACE -> target.trace(message, args);
            case DEBUG -> target.debug(message, args);
            case INFO -> target.info(message, args);
            case WARN -> target.warn(message, args);
            case ERROR -> target.error(message, args);
        }
    }

    /** Audit entries are written whatever the level: as warnings, or as errors where warnings are off. */
    private Level auditLevel() {
        return target.isWarnEnabled() ? Level.WARN : Level.ERROR;
    }

    private <E extends Exception> void consume(Level level, LoggerConsumer<E> consumer) throws E {
        if (enabled(level)) {
            consumer.accept(this);
        }
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isTraceEnabled() {
        return target.isTraceEnabled();
    }

    @Override
    public void trace(String message) {
        log(Level.TRACE, message);
    }

    @Override
    public void trace(String format, Object arg) {
        log(Level.TRACE, format, arg);
    }

    @Override
    public void trace(String format, Object arg1, Object arg2) {
        log(Level.TRACE, format, arg1, arg2);
    }

    @Override
    public void trace(String format, Object... arguments) {
        log(Level.TRACE, format, arguments);
    }

    @Override
    public <E extends Exception> void trace(LoggerConsumer<E> consumer) throws E {
        consume(Level.TRACE, consumer);
    }

    @Override
    public boolean isDebugEnabled() {
        return target.isDebugEnabled();
    }

    @Override
    public void debug(String message) {
        log(Level.DEBUG, message);
    }

    @Override
    public void debug(String format, Object arg) {
        log(Level.DEBUG, format, arg);
    }

    @Override
    public void debug(String format, Object arg1, Object arg2) {
        log(Level.DEBUG, format, arg1, arg2);
    }

    @Override
    public void debug(String format, Object... arguments) {
        log(Level.DEBUG, format, arguments);
    }

    @Override
    public <E extends Exception> void debug(LoggerConsumer<E> consumer) throws E {
        consume(Level.DEBUG, consumer);
    }

    @Override
    public boolean isInfoEnabled() {
        return target.isInfoEnabled();
    }

    @Override
    public void info(String message) {
        log(Level.INFO, message);
    }

    @Override
    public void info(String format, Object arg) {
        log(Level.INFO, format, arg);
    }

    @Override
    public void info(String format, Object arg1, Object arg2) {
        log(Level.INFO, format, arg1, arg2);
    }

    @Override
    public void info(String format, Object... arguments) {
        log(Level.INFO, format, arguments);
    }

    @Override
    public <E extends Exception> void info(LoggerConsumer<E> consumer) throws E {
        consume(Level.INFO, consumer);
    }

    @Override
    public boolean isWarnEnabled() {
        return target.isWarnEnabled();
    }

    @Override
    public void warn(String message) {
        log(Level.WARN, message);
    }

    @Override
    public void warn(String format, Object arg) {
        log(Level.WARN, format, arg);
    }

    @Override
    public void warn(String format, Object arg1, Object arg2) {
        log(Level.WARN, format, arg1, arg2);
    }

    @Override
    public void warn(String format, Object... arguments) {
        log(Level.WARN, format, arguments);
    }

    @Override
    public <E extends Exception> void warn(LoggerConsumer<E> consumer) throws E {
        consume(Level.WARN, consumer);
    }

    @Override
    public boolean isErrorEnabled() {
        return target.isErrorEnabled();
    }

    @Override
    public void error(String message) {
        log(Level.ERROR, message);
    }

    @Override
    public void error(String format, Object arg) {
        log(Level.ERROR, format, arg);
    }

    @Override
    public void error(String format, Object arg1, Object arg2) {
        log(Level.ERROR, format, arg1, arg2);
    }

    @Override
    public void error(String format, Object... arguments) {
        log(Level.ERROR, format, arguments);
    }

    @Override
    public <E extends Exception> void error(LoggerConsumer<E> consumer) throws E {
        consume(Level.ERROR, consumer);
    }

    @Override
    public void audit(String message) {
        logAlways(auditLevel(), message, new Object[0]);
    }

    @Override
    public void audit(String format, Object arg) {
        logAlways(auditLevel(), format, new Object[] {arg});
    }

    @Override
    public void audit(String format, Object arg1, Object arg2) {
        logAlways(auditLevel(), format, new Object[] {arg1, arg2});
    }

    @Override
    public void audit(String format, Object... arguments) {
        logAlways(auditLevel(), format, arguments);
    }
}
