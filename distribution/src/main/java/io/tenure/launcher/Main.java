package io.tenure.launcher;


import java.io.IOException;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.BundleRevision;

/**
 * Starts Tenure: checks the port and data directory, embeds Apache Felix, installs and starts the system bundles
 * in {@code system/} (the runtime in there starts the features), waits for {@code /health} and prints where the
 * console is. SIGTERM or Ctrl-C stops the framework, which deactivates every component (closing the database).
 *
 * <p>Exit codes: 0 normal stop, 1 failed to start, 2 bad command line, 3 port in use, 4 data directory unusable.
 */
public final class Main {
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_PORT = 3;
    static final int EXIT_DATA = 4;
    private static final long READY_TIMEOUT_MS = 120_000;
    /** {@code TENURE_TRACE_STARTUP=1}: see {@link #traceStartup}. */
    private static final boolean TRACE = System.getenv("TENURE_TRACE_STARTUP") != null;
    private static final long JVM_STARTED = TRACE ? java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime() : 0;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path home = Path.of(System.getProperty("tenure.home", ".")).toAbsolutePath().normalize();
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, home);
        } catch (IllegalArgumentException | IOException e) {
            err.println("tenure: " + e.getMessage());
            return EXIT_USAGE;
        }
        switch (options.command()) {
            case "--help", "-h", "help" -> {
                out.print(LaunchOptions.USAGE);
                return 0;
            }
            case "version", "--version" -> {
                out.println("Tenure " + version());
                return 0;
            }
            case "run" -> {
                return start(options, out, err);
            }
            case "import", "export" -> {
                return transfer(options, out, err);
            }
            case "cache-template" -> {
                return cacheTemplate(options, out, err);
            }
            default -> {
                err.println("tenure: unknown command '" + options.command() + "' (see bin/tenure --help)");
                return EXIT_USAGE;
            }
        }
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /**
     * {@code import DIR} / {@code export DIR}: runs the store's command line in a class loader over the store bundle and
     * its libraries, without starting the framework (the server must be stopped: the embedded database has one owner).
     */
    private static int transfer(LaunchOptions options, PrintStream out, PrintStream err) {
        if (options.arguments().size() != 1) {
            err.println("tenure: " + options.command() + " needs one directory, e.g. bin/tenure " + options.command() + " ./data-files");
            return EXIT_USAGE;
        }
        configureLogging();
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        List<java.net.URL> jars = new ArrayList<>();
        try {
            for (String folder : List.of("system", "bundles")) {
                try (Stream<Path> files = Files.list(options.home().resolve(folder))) {
                    for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                        String name = jar.getFileName().toString();
                        if (STORE_JARS.stream().anyMatch(name::startsWith)) {
                            jars.add(jar.toUri().toURL());
                        }
                    }
                }
            }
            try (java.net.URLClassLoader loader = new java.net.URLClassLoader(jars.toArray(java.net.URL[]::new),
                    Main.class.getClassLoader())) {
                Class<?> command = loader.loadClass("io.tenure.store.cli.DataCommand");
                return (int) command.getMethod("run", String.class, Path.class, Path.class, String.class, PrintStream.class,
                        PrintStream.class).invoke(null, options.command(), Path.of(options.arguments().get(0)).toAbsolutePath(),
                                options.data(), options.format(), out, err);
            }
        } catch (IOException | ReflectiveOperationException e) {
            err.println("tenure: cannot run " + options.command() + ": " + e);
            return EXIT_FAILED;
        }
    }

    /** The jars the store's command line needs (name prefixes in system/ and bundles/). */
    private static final List<String> STORE_JARS = List.of("tenure.api-", "tenure.store-", "gson-", "h2-", "postgresql-",
            "HikariCP-", "commons-csv-", "commons-codec-", "commons-io-", "fastutil-core-");

    /** The shortest password the user service accepts (FileUserService.MIN_PASSWORD_LENGTH in tenure.runtime). */
    static final int MIN_ADMIN_PASSWORD = 10;

    private static int start(LaunchOptions options, PrintStream out, PrintStream err) {
        return start(options, out, err, false);
    }

    /**
     * {@code cache-template}: starts this installation once on a scratch data directory and a free port, stops it as
     * soon as it is ready, and keeps its framework cache as the template of first starts ({@link CacheTemplate}).
     */
    private static int cacheTemplate(LaunchOptions options, PrintStream out, PrintStream err) {
        Path scratch;
        int port;
        try {
            scratch = Files.createTempDirectory("tenure-template");
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
        } catch (IOException e) {
            err.println("tenure: cannot prepare the template run: " + e.getMessage());
            return EXIT_FAILED;
        }
        LaunchOptions once = new LaunchOptions("run", options.home(), scratch, "127.0.0.1", port, false, options.format(),
                options.frameworkProperties(), List.of());
        try {
            Files.deleteIfExists(options.home().resolve(CacheTemplate.DIR).resolve("template.properties"));
            int code = start(once, out, err, true);
            if (code != 0) {
                return code;
            }
            int jars = CacheTemplate.save(options.home(), scratch);
            out.println("Saved the framework cache of a first start as " + CacheTemplate.DIR + " (" + jars + " bundles)");
            if (CacheTemplate.saveDatabase(options.home(), scratch)) {
                out.println("Saved its database (with the tables the bundles contribute) as " + CacheTemplate.DATABASE);
            }
            return 0;
        } catch (IOException e) {
            err.println("tenure: cannot save the framework cache template: " + e.getMessage());
            return EXIT_FAILED;
        } finally {
            try {
                CacheTemplate.deleteTree(scratch);
            } catch (IOException e) {
                err.println("tenure: could not remove " + scratch + ": " + e.getMessage());
            }
        }
    }

    private static int start(LaunchOptions options, PrintStream out, PrintStream err, boolean stopWhenReady) {
        long started = System.nanoTime();
        String problem = checkDataDirectory(options.data());
        if (problem != null) {
            err.println("tenure: " + problem);
            return EXIT_DATA;
        }
        if (!portIsFree(options.host(), options.port())) {
            err.println("tenure: port " + options.port() + " on " + options.host()
                    + " is already in use; stop what uses it or choose another with --port");
            return EXIT_PORT;
        }
        String password = System.getenv("TENURE_ADMIN_PASSWORD");
        if (password != null && !password.isEmpty() && password.length() < MIN_ADMIN_PASSWORD) {
            err.println("tenure: TENURE_ADMIN_PASSWORD has " + password.length() + " characters; a password needs at least "
                    + MIN_ADMIN_PASSWORD + " (or leave it unset and Tenure generates one and prints it once)");
            return EXIT_USAGE;
        }
        trace(err, "launcher checked the command line, data directory and port");
        configureLogging();
        try {
            Optional<String> other = CacheTemplate.forgetOtherInstallation(options.home(), options.data());
            if (other.isPresent()) {
                out.println("tenure: the data directory was last used by the installation at " + other.get()
                        + "; its framework cache is made again for this one (features, settings and data are kept)");
            }
            String unused = CacheTemplate.seed(options.home(), options.data());
            if (unused != null && !unused.equals("no template")) {
                out.println("tenure: the framework cache template is not used (" + unused + "); installing the bundles");
            }
        } catch (IOException e) {
            out.println("tenure: the framework cache template could not be copied (" + e.getMessage()
                    + "); installing the bundles");
        }
        trace(err, "framework cache ready");
        Framework framework = new FrameworkFactory().newFramework(frameworkProperties(options));
        trace(err, "framework created");
        // Registered before the bundles start, so a SIGTERM during the start stops the framework cleanly too.
        Thread hook = new Thread(() -> stop(framework), "tenure-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException e) {
            return EXIT_FAILED; // already shutting down
        }
        SideStart side;
        try {
            framework.init();
            trace(err, "framework initialised");
            if (TRACE) {
                traceStartup(framework.getBundleContext(), err);
            }
            List<Bundle> aside = installSystemBundles(framework, options.home().resolve("system"),
                    CacheTemplate.verified(options.data()));
            side = SideStart.arm(framework.getBundleContext(), aside);
            trace(err, "system bundles installed");
            framework.start();
        } catch (BundleException | IOException | RuntimeException e) {
            err.println("tenure: the runtime could not start: " + e.getMessage());
            removeHook(hook);
            stop(framework);
            return EXIT_FAILED;
        }

        String base = "http://" + displayHost(options.host()) + ":" + options.port();
        Health health = awaitHealthy(base + "/health", framework, side);
        if (health.failure() != null) {
            err.println("tenure: the runtime cannot start: " + health.failure());
            removeHook(hook);
            stop(framework);
            return EXIT_FAILED;
        } else if (!health.ready()) {
            err.println("tenure: the runtime did not become ready within " + READY_TIMEOUT_MS / 1000
                    + " s; see " + base + "/health and the log above");
            if (stopWhenReady) {
                removeHook(hook);
                stop(framework);
                return EXIT_FAILED;
            }
        } else if (stopWhenReady) {
            removeHook(hook);
            stop(framework);
            return 0;
        } else {
            long ms = (System.nanoTime() - started) / 1_000_000;
            out.println();
            out.println("  Tenure " + version() + " is ready in " + ms + " ms.");
            out.println("  Console:   " + base + "/console/");
            out.println("  REST API:  " + base + "/api/v1/  (HTTP Basic or Bearer token)");
            out.println("  Log in as 'admin' with TENURE_ADMIN_PASSWORD, or with the password generated and printed on the first start.");
            out.println("  Data:      " + options.data());
            out.println("  Stop with Ctrl-C or SIGTERM.");
            out.println();
            out.flush();
        }
        try {
            FrameworkEvent event = framework.waitForStop(0);
            return event.getType() == FrameworkEvent.ERROR ? EXIT_FAILED : 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_FAILED;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already: the hook runs and stops the framework once more, which does nothing
        }
    }

    static String checkDataDirectory(Path data) {
        try {
            Files.createDirectories(data);
            Path probe = Files.createTempFile(data, ".write-check", ".tmp");
            Files.delete(probe);
            return null;
        } catch (IOException | SecurityException e) {
            return "data directory " + data + " is not writable (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); choose another with --data";
        }
    }

    static boolean portIsFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String displayHost(String host) {
        return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }

    private static void configureLogging() {
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setDefault("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        setDefault("org.slf4j.simpleLogger.log.org.apache.felix", "warn");
        setDefault("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
        // What bundles log through the OSGi log service (Declarative Services, Config Admin, ...): warnings and errors.
        setDefault("org.slf4j.simpleLogger.log.osgi", "warn");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    static Map<String, String> frameworkProperties(LaunchOptions options) {
        Path data = options.data();
        Map<String, String> p = new HashMap<>();
        p.put(Constants.FRAMEWORK_STORAGE, data.resolve("cache").resolve("felix").toString());
        // The framework cache is rebuilt from system/, bundles/ and deploy/ at every start, so what runs is always
        // what is on disk, never a stale copy.
        p.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, slf4jPackages());
        p.put("felix.log.level", "1");
        // Bundles start at level 2, except the few started beside the start-level thread at level 1 (SideStart).
        p.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, String.valueOf(SideStart.OTHERS));
        p.put("felix.startlevel.bundle", String.valueOf(SideStart.OTHERS));
        // The launcher's own shutdown hook stops the framework and reports it; Felix's would race with it.
        p.put("felix.shutdown.hook", "false");
        p.put("tenure.home", options.home().toString());
        p.put("tenure.data", data.toString());
        p.put("tenure.demo", String.valueOf(options.demo()));
        p.put("org.osgi.service.http.port", String.valueOf(options.port()));
        p.put("org.apache.felix.http.host", options.host());
        p.put("org.apache.felix.http.enable", "true");
        p.put("org.apache.felix.http.jetty.sendServerHeader", "false");
        p.put("felix.cm.dir", data.resolve("config").toString());
        p.put("ds.loglevel", "warn");
        // SCR keeps the parsed component descriptors in its data area (the framework cache is kept between starts),
        // so a restart does not parse every bundle's XML again.
        p.put("ds.cache.metadata", "true");
        p.put("felix.fileinstall.dir", options.home().resolve("deploy").toString());
        p.put("felix.fileinstall.filter", ".*\\.jar");
        p.put("felix.fileinstall.poll", "500");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.bundles.new.start", "true");
        p.put("felix.fileinstall.log.level", "2");
        p.put("felix.fileinstall.enableConfigSave", "false");
        p.putAll(options.frameworkProperties());
        return p;
    }

    /**
     * slf4j is on the class path (one logging set-up for the framework and every bundle) and exported at 2.0.16 and,
     * for bundles that import the 1.x range (HikariCP), at 1.7.36: the 2.x API keeps the 1.x calls.
     */
    private static String slf4jPackages() {
        return Stream.of("2.0.16", "1.7.36").flatMap(v -> Stream.of("org.slf4j", "org.slf4j.spi", "org.slf4j.event",
                "org.slf4j.helpers").map(pkg -> pkg + ";version=" + v)).reduce((a, b) -> a + "," + b).orElseThrow();
    }

    /** {@code TENURE_TRACE_STARTUP=1}: prints a step of the launcher with the time since the JVM started. */
    private static void trace(PrintStream err, String what) {
        if (TRACE) {
            err.printf("trace %6d ms  [%s] %s%n", System.currentTimeMillis() - JVM_STARTED, Thread.currentThread().getName(), what);
        }
    }

    /**
     * {@code TENURE_TRACE_STARTUP=1}: prints when each bundle starts and has started, and each service registration,
     * in milliseconds since the JVM started and with the thread that did it, to see where a start spends its time.
     */
    private static void traceStartup(BundleContext context, PrintStream err) {
        context.addBundleListener((org.osgi.framework.SynchronousBundleListener) event -> {
            String what = switch (event.getType()) {
                case org.osgi.framework.BundleEvent.STARTING -> "starting";
                case org.osgi.framework.BundleEvent.STARTED -> "started";
                case org.osgi.framework.BundleEvent.RESOLVED -> "resolved";
                default -> null;
            };
            if (what != null) {
                trace(err, "bundle " + event.getBundle().getSymbolicName() + " " + what);
            }
        });
        context.addServiceListener(event -> {
            if (event.getType() == org.osgi.framework.ServiceEvent.REGISTERED) {
                Object classes = event.getServiceReference().getProperty(Constants.OBJECTCLASS);
                trace(err, "service " + String.join(",", (String[]) classes) + " of "
                        + event.getServiceReference().getBundle().getSymbolicName());
            }
        });
    }

    /**
     * Installs every JAR in {@code system/}, then starts each one that is not a fragment, except those started beside
     * the start-level thread ({@link SideStart}), which it returns.
     */
    private static List<Bundle> installSystemBundles(Framework framework, Path system, java.util.Properties verified)
            throws IOException, BundleException {
        if (!Files.isDirectory(system)) {
            throw new IOException(system + " is missing: this is not a Tenure installation (run from distribution/target/tenure)");
        }
        // The framework cache survives restarts: install what is new, update what changed on disk, drop what is gone.
        List<Bundle> installed = new ArrayList<>();
        java.util.Set<String> locations = new java.util.HashSet<>();
        BundleContext context = framework.getBundleContext();
        try (Stream<Path> jars = Files.list(system)) {
            for (Path jar : jars.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                String location = jar.toUri().toString();
                locations.add(location);
                Bundle bundle = context.getBundle(location);
                if (bundle == null) {
                    bundle = context.installBundle(location);
                } else if (CacheTemplate.stale(verified, location, Files.getLastModifiedTime(jar).toMillis(),
                        bundle.getLastModified())) {
                    try (java.io.InputStream in = Files.newInputStream(jar)) {
                        bundle.update(in);
                    }
                }
                installed.add(bundle);
            }
        }
        String systemDir = system.toUri().toString();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().startsWith(systemDir) && !locations.contains(bundle.getLocation())) {
                bundle.uninstall();
            }
        }
        List<Bundle> aside = new ArrayList<>();
        for (Bundle bundle : installed) {
            if ((bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0) {
                continue;
            }
            if (SideStart.startsAside(bundle)) {
                aside.add(bundle);
            } else {
                bundle.start();
            }
        }
        return aside;
    }

    /** Ready, or the reason a check says it never will be, or neither (timed out or stopped). */
    private record Health(boolean ready, String failure) {
    }

    private static final Pattern FAILED_CHECK = Pattern.compile(
            "\\{\"name\":\"([^\"]*)\",\"feature\":\"[^\"]*\",\"ready\":false,\"failed\":true,\"detail\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static Health awaitHealthy(String url, Framework framework, SideStart side) {
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline && framework.getState() == Bundle.ACTIVE) {
            if (side.failure() != null) {
                return new Health(false, side.failure());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                int status = c.getResponseCode();
                if (status == 200) {
                    c.disconnect();
                    return new Health(true, null);
                }
                String body = status == 503 && c.getErrorStream() != null
                        ? new String(c.getErrorStream().readAllBytes(), StandardCharsets.UTF_8) : "";
                c.disconnect();
                Matcher failed = FAILED_CHECK.matcher(body);
                if (body.contains("\"status\":\"failed\"") && failed.find()) {
                    return new Health(false, failed.group(1) + ": " + failed.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                }
            } catch (IOException e) {
                // not listening yet
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Health(false, null);
            }
        }
        return new Health(false, null);
    }

    private static void stop(Framework framework) {
        try {
            if ((framework.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                String classLog = System.getProperty(ArchiveLinker.LOG_PROPERTY);
                if (classLog != null && framework.getState() == Bundle.ACTIVE) {
                    ArchiveLinker.linkLoadedClasses(framework.getBundleContext(), Path.of(classLog), System.err);
                }
                framework.stop();
                framework.waitForStop(30_000);
                System.out.println("Tenure stopped.");
                System.out.flush();
            }
        } catch (BundleException | InterruptedException e) {
            System.err.println("tenure: stopping the runtime failed: " + e.getMessage());
        }
    }

}
