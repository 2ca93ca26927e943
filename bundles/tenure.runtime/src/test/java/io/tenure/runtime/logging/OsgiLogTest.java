package io.tenure.runtime.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.log.FormatterLogger;
import org.osgi.service.log.LogService;
import org.osgi.service.log.Logger;

/**
 * The OSGi log service writes into slf4j under {@code osgi.<bundle>} (slf4j-simple here, at its default level info,
 * writing to System.err, which each test captures).
 */
class OsgiLogTest {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void capture() {
        original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(original);
    }

    private String log() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    static Bundle bundle(long id, String symbolicName) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "getSymbolicName" -> symbolicName;
                    case "getBundleId" -> id;
                    case "hashCode" -> (int) id;
                    case "equals" -> proxy == args[0];
                    case "toString" -> symbolicName;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void entriesGoToTheUsingBundlesLoggerWithPlaceholdersAndTheTrailingException() {
        OsgiLog service = new OsgiLog(bundle(7, "org.example.partner"));
        Logger logger = service.getLogger("partner.sync");
        logger.error("sync of {} failed after {} tries", "acme", 3, new IllegalStateException("boom"));

        String log = log();
        assertTrue(log.contains("ERROR osgi.org.example.partner - sync of acme failed after 3 tries"), log);
        assertTrue(log.contains("java.lang.IllegalStateException: boom"), "the exception with its trace: " + log);
        assertEquals("partner.sync", logger.getName());
        assertSame(logger, service.getLogger("partner.sync"), "one logger per name");
    }

    @Test
    void aLoggerForAnotherBundleNamesThatBundle() {
        // How Declarative Services logs on behalf of the bundle whose component failed.
        OsgiLog service = new OsgiLog(bundle(3, "org.apache.felix.scr"));
        Logger logger = service.getLogger(bundle(42, "tenure.it.faulty"), "component", Logger.class);
        logger.warn("[{}] The activate method has thrown an exception", "io.tenure.faulty.FaultyActivation(12)");

        assertTrue(log().contains("WARN osgi.tenure.it.faulty - [io.tenure.faulty.FaultyActivation(12)] The activate"), log());
    }

    @Test
    void levelsFollowSlf4jAndTheConsumerRunsOnlyWhenItsLevelIsOn() {
        Logger logger = new OsgiLog(bundle(7, "org.example.partner")).getLogger("x");
        assertFalse(logger.isDebugEnabled(), "slf4j-simple's default level here is info");
        assertTrue(logger.isInfoEnabled());
        AtomicInteger calls = new AtomicInteger();
        logger.debug(l -> calls.incrementAndGet());
        logger.trace(l -> calls.incrementAndGet());
        assertEquals(0, calls.get());
        logger.info(l -> l.info("from the consumer {}", calls.incrementAndGet()));
        assertEquals(1, calls.get());
        logger.debug("not written {}", 1);
        String log = log();
        assertTrue(log.contains("INFO osgi.org.example.partner - from the consumer 1"), log);
        assertFalse(log.contains("not written"), log);
    }

    @Test
    void aFormatterLoggerFormatsWithPrintfAndKeepsTheTrailingException() {
        OsgiLog service = new OsgiLog(bundle(7, "org.example.partner"));
        FormatterLogger logger = service.getLogger("fmt", FormatterLogger.class);
        logger.warn("%d of %s rows at %.1f%%", 12, "acme", 99.5, new RuntimeException("late"));
        logger.warn("%d broken", "not a number");

        String log = log();
        assertTrue(log.contains("WARN osgi.org.example.partner - 12 of acme rows at 99.5%"), log);
        assertTrue(log.contains("java.lang.RuntimeException: late"), log);
        assertTrue(log.contains("%d broken (unformattable:"), "a bad format is written as it is, not thrown: " + log);
    }

    @Test
    void aTrailingServiceReferenceIsDroppedAndBadArgumentsDoNotThrow() {
        OsgiLog service = new OsgiLog(bundle(7, "org.example.partner"));
        org.osgi.framework.ServiceReference<?> reference = (org.osgi.framework.ServiceReference<?>) Proxy.newProxyInstance(
                Bundle.class.getClassLoader(), new Class<?>[] {org.osgi.framework.ServiceReference.class}, (p, m, a) -> "ref");
        service.getLogger("x").error("lost {}", "it", new IllegalStateException("with its trace"), reference);
        FormatterLogger printf = service.getLogger("fmt", FormatterLogger.class);
        printf.error("count %d", (Object[]) null);
        printf.error(null, 1, 2);
        printf.audit("audited %s", "entry");

        String log = log();
        assertTrue(log.contains("ERROR osgi.org.example.partner - lost it"), log);
        assertTrue(log.contains("java.lang.IllegalStateException: with its trace"), "the exception before the reference: " + log);
        assertTrue(log.contains("count %d"), log);
        assertTrue(log.contains("WARN osgi.org.example.partner - audited entry"), log);
    }

    @Test
    void anUnknownLoggerTypeIsRefused() {
        OsgiLog service = new OsgiLog(bundle(7, "org.example.partner"));
        interface Custom extends Logger {
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> service.getLogger("x", Custom.class));
        assertTrue(e.getMessage().contains("unsupported logger type"), e.getMessage());
    }

    @Test
    @SuppressWarnings("deprecation")
    void theOldLogServiceCallsKeepBracesAsTextAndLevelsApply() {
        LogService service = new OsgiLog(bundle(9, "org.apache.felix.fileinstall"));
        service.log(LogService.LOG_ERROR, "cannot install {weird}.jar", new java.io.IOException("denied"));
        service.log(LogService.LOG_WARNING, "watching {}");
        service.log(LogService.LOG_DEBUG, "polling");

        String log = log();
        assertTrue(log.contains("ERROR osgi.org.apache.felix.fileinstall - cannot install {weird}.jar"), log);
        assertTrue(log.contains("java.io.IOException: denied"), log);
        assertTrue(log.contains("WARN osgi.org.apache.felix.fileinstall - watching {}"), log);
        assertFalse(log.contains("polling"), "debug is off: " + log);
    }
}
