package io.tenure.store.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.tenure.api.data.DataException;
import io.tenure.api.data.DataFormat;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityType;
import io.tenure.api.data.Query;
import io.tenure.api.data.RowError;
import io.tenure.store.Database;
import io.tenure.store.Entities;
import io.tenure.store.JdbcDataStore;
import io.tenure.store.Migrations;

/**
 * {@code bin/tenure import DIR} and {@code bin/tenure export DIR}: the store opened directly (no server), on the same
 * database the server would use. Exit codes: 0 done, 1 the store could not be opened, 2 bad rows (nothing imported).
 */
public final class DataCommand {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_ROWS = 2;

    private DataCommand() {
    }

    /** Entry point used by the launcher. */
    public static int run(String command, Path dir, Path dataDir, String format, PrintStream out, PrintStream err) {
        Database db;
        try {
            db = Database.open(env(Database.URL_ENV), env(Database.USER_ENV), env(Database.PASSWORD_ENV), dataDir, 2);
        } catch (SQLException | RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            err.println("tenure: cannot open the store: " + (message.contains("already in use") || message.contains("locked")
                    ? "the database is in use by a running Tenure; stop it, or import through POST /api/v1/import/{entity}"
                    : message));
            return FAILED;
        }
        try (JdbcDataStore store = new JdbcDataStore(db)) {
            return command.equals("import") ? importDir(store, dir, out, err) : exportDir(store, dir, format, out, err);
        } catch (Migrations.MigrationException | IOException | RuntimeException e) {
            err.println("tenure: " + e.getMessage());
            return FAILED;
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }

    static int importDir(DataStore store, Path dir, PrintStream out, PrintStream err) throws IOException {
        if (!Files.isDirectory(dir)) {
            err.println("tenure: " + dir + " is not a directory");
            return FAILED;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        List<DataStore.ImportInput> inputs = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<InputStream> open = new ArrayList<>();
        try {
            for (EntityType<?> type : Entities.ALL) {
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    Optional<DataFormat> format = DataFormat.of(name);
                    if (format.isPresent() && name.equals(type.name() + format.get().extension())) {
                        InputStream in = Files.newInputStream(f);
                        open.add(in);
                        inputs.add(new DataStore.ImportInput(type, format.get(), name, in));
                    }
                }
            }
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (DataFormat.of(name).isPresent() && inputs.stream().noneMatch(i -> i.source().equals(name))) {
                    unknown.add(name);
                }
            }
            if (!unknown.isEmpty()) {
                err.println("tenure: " + String.join(", ", unknown) + " do(es) not name an entity; files are <entity>.csv or "
                        + "<entity>.jsonl with entity one of " + String.join(", ", Entities.ALL.stream().map(EntityType::name).toList()));
                return BAD_ROWS;
            }
            if (inputs.isEmpty()) {
                err.println("tenure: " + dir + " holds no <entity>.csv or <entity>.jsonl file");
                return BAD_ROWS;
            }
            long started = System.nanoTime();
            Map<String, Long> counts = store.importData(inputs, read -> {
                double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
                err.printf("\r  read %,d rows (%,.0f rows/s)", read, read / seconds);
                err.flush();
            });
            err.println();
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            counts.forEach((entity, n) -> out.printf("  %-15s %,d%n", entity, n));
            out.printf("Imported %,d rows in %.1f s.%n", total, (System.nanoTime() - started) / 1e9);
            return OK;
        } catch (DataException e) {
            err.println();
            err.println("tenure: " + e.getMessage());
            for (RowError error : e.errors()) {
                err.println("  " + error);
            }
            return BAD_ROWS;
        } finally {
            for (InputStream in : open) {
                in.close();
            }
        }
    }

    static int exportDir(DataStore store, Path dir, String formatName, PrintStream out, PrintStream err) throws IOException {
        DataFormat format = "jsonl".equalsIgnoreCase(formatName) ? DataFormat.JSON_LINES : DataFormat.CSV;
        if (!"jsonl".equalsIgnoreCase(formatName) && !"csv".equalsIgnoreCase(formatName)) {
            err.println("tenure: --format '" + formatName + "' is not csv or jsonl");
            return BAD_ROWS;
        }
        Files.createDirectories(dir);
        for (EntityType<?> type : store.types()) {
            Path file = dir.resolve(type.name() + format.extension());
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file))) {
                long n = store.export(type, Query.all(), format, o);
                out.printf("  %-15s %,d -> %s%n", type.name(), n, file);
            }
        }
        return OK;
    }
}
