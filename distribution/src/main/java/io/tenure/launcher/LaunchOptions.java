package io.tenure.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The command line and {@code etc/tenure.properties}, merged: command-line options win. Every bad value is an
 * {@link IllegalArgumentException} whose message says which option and why.
 */
record LaunchOptions(String command, Path home, Path data, String host, int port, boolean demo, String format,
        Map<String, String> frameworkProperties, List<String> arguments) {

    static final String USAGE = """
            Usage: bin/tenure <command> [options]

            Commands:
              run        start Tenure and serve the console, REST API and ingestion until stopped (Ctrl-C / SIGTERM)
              import DIR load every <entity>.csv / <entity>.jsonl in DIR into the store, atomically (Tenure stopped);
                         exit code 2 and every bad row listed when any row is bad
              export DIR write every entity to DIR as <entity>.csv (or .jsonl with --format jsonl)
              cache-template   (used by the build) start once and keep the framework cache and the class archive
                         for faster first starts
              version    print the version
              --help     print this help

            Options for run:
              --port N      HTTP port (default 8080, from etc/tenure.properties)
              --host ADDR   address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
              --data DIR    data directory: database, configuration, module choices (default data/)
              --demo        fill an empty store with the generated demo customer base
              --demo-accounts N   how many demo accounts (default 2500; up to 1000000)

            Options for import and export:
              --data DIR    the data directory whose store to use (default data/)
              --format F    export format: csv (default) or jsonl

            Environment:
              TENURE_ADMIN_PASSWORD   password of the first admin (otherwise one is generated and printed once)
              TENURE_JDBC_URL, TENURE_JDBC_USER, TENURE_JDBC_PASSWORD   use PostgreSQL instead of the embedded database
              TENURE_JAVA_OPTS        extra JVM options
            """;

    static LaunchOptions parse(String[] args, Path home) throws IOException {
        Properties file = new Properties();
        Path etc = home.resolve("etc").resolve("tenure.properties");
        if (Files.exists(etc)) {
            try (InputStream in = Files.newInputStream(etc)) {
                file.load(in);
            }
        }
        String command = args.length == 0 ? "--help" : args[0];
        String host = file.getProperty("tenure.host", "127.0.0.1");
        String port = file.getProperty("tenure.port", "8080");
        String data = file.getProperty("tenure.data", "data");
        boolean demo = false;
        String format = "csv";
        String demoAccounts = null;
        List<String> arguments = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> port = value(args, ++i, arg);
                case "--host" -> host = value(args, ++i, arg);
                case "--data" -> data = value(args, ++i, arg);
                case "--demo" -> demo = true;
                case "--format" -> format = value(args, ++i, arg);
                case "--demo-accounts" -> {
                    String n = value(args, ++i, arg);
                    try {
                        if (Integer.parseInt(n) < 1) {
                            throw new NumberFormatException();
                        }
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--demo-accounts '" + n + "' is not a positive number");
                    }
                    demoAccounts = n;
                }
                default -> {
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + arg + " (see bin/tenure --help)");
                    }
                    arguments.add(arg);
                }
            }
        }
        int portNumber;
        try {
            portNumber = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port '" + port + "' is not a number");
        }
        if (portNumber < 1 || portNumber > 65535) {
            throw new IllegalArgumentException("--port " + portNumber + " is outside 1-65535");
        }
        Map<String, String> framework = new LinkedHashMap<>();
        for (String key : file.stringPropertyNames()) {
            if (!key.startsWith("tenure.")) {
                framework.put(key, file.getProperty(key));
            }
        }
        if (demoAccounts != null) {
            framework.put("tenure.demo.accounts", demoAccounts);
        }
        Path dataDir = home.resolve(data).toAbsolutePath().normalize();
        return new LaunchOptions(command, home, dataDir, host, portNumber, demo, format, framework, arguments);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
