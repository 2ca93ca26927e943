package io.tenure.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The store through the real distribution: command-line import and export, REST import, PostgreSQL, migrations. */
class StoreIT {
    private static final String ACCOUNTS = "account_id,name,vertical,segment,signed_date,owner\n"
            + "acme,Acme,enterprise,enterprise,2024-01-15,ana\nglobex,Globex,plg,smb,2024-03-01,ben\n";
    private static final String MOVEMENTS = "account_id,date,type,kind,amount,currency,source\n"
            + "acme,2024-01-15,new,,100000.00,USD,sales_led\nacme,2024-07-01,expansion,seat,20000,USD,cs_led\n"
            + "globex,2024-03-01,new,,9600,USD,self_serve\n";

    @Test
    void importsAndExportsFromTheCommandLineAndOverRest() throws Exception {
        Path home = TenureProcess.freshHome("store-cli");
        Path in = Files.createDirectories(home.resolve("in"));
        Files.writeString(in.resolve("accounts.csv"), ACCOUNTS);
        Files.writeString(in.resolve("movements.csv"), MOVEMENTS.replace("9600,", "-9600,"));
        StringBuilder out = new StringBuilder();
        assertEquals(2, TenureProcess.command(home, Map.of(), out, "import", in.toString(), "--data", home.resolve("data").toString()), out.toString());
        assertTrue(out.toString().contains("movements.csv line 4, column amount: -9600.00 must be positive"), out.toString());

        Files.writeString(in.resolve("movements.csv"), MOVEMENTS);
        out.setLength(0);
        assertEquals(0, TenureProcess.command(home, Map.of(), out, "import", in.toString(), "--data", home.resolve("data").toString()), out.toString());
        assertTrue(out.toString().contains("Imported 5 rows"), out.toString());

        try (TenureProcess tenure = TenureProcess.start(home)) {
            JsonObject page = JsonParser.parseString(tenure.get("/api/v1/accounts?vertical=plg", TenureProcess.admin()).body())
                    .getAsJsonObject();
            assertEquals(1, page.get("total").getAsInt());
            HttpResponse<String> bad = tenure.post("/api/v1/import/movements", TenureProcess.admin(), "text/csv",
                    "account_id,date,type,amount,currency\nnobody,2024-01-01,new,5,USD\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(400, bad.statusCode(), bad.body());
            assertTrue(bad.body().contains("movements.csv line 2, column account_id: account 'nobody' does not exist"), bad.body());
            HttpResponse<String> good = tenure.post("/api/v1/import/movements", TenureProcess.admin(), "text/csv",
                    "account_id,date,type,kind,amount,currency\nglobex,2024-09-01,expansion,seat,400,USD\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("{\"imported\":1}", good.body());
            HttpResponse<String> export = tenure.get("/api/v1/export/movements?account_id=globex", TenureProcess.admin());
            assertEquals(200, export.statusCode());
            assertEquals(3, export.body().lines().count(), export.body());
            String viewer = TenureProcess.basic("vic", "viewer-password-1");
            tenure.post("/api/v1/users", TenureProcess.admin(), "application/json",
                    "{\"name\":\"vic\",\"password\":\"viewer-password-1\",\"role\":\"viewer\"}".getBytes(StandardCharsets.UTF_8));
            assertEquals(403, tenure.post("/api/v1/import/movements", viewer, "text/csv", MOVEMENTS.getBytes(StandardCharsets.UTF_8))
                    .statusCode());
        }
        out.setLength(0);
        Path exported = home.resolve("exported");
        assertEquals(0, TenureProcess.command(home, Map.of(), out, "export", exported.toString(), "--data", home.resolve("data").toString()), out.toString());
        assertEquals(5, Files.readString(exported.resolve("movements.csv")).lines().count());
    }

    @Test
    void demoFillsAnEmptyStoreOnlyOnce() throws Exception {
        Path home = TenureProcess.freshHome("store-demo");
        long movements;
        try (TenureProcess tenure = TenureProcess.start(home, "--demo", "--demo-accounts", "120")) {
            long deadline = System.currentTimeMillis() + 10_000;
            while (!tenure.output().contains("is ready") && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(tenure.output().contains("Loaded demo data: 120 accounts"), tenure.output());
            assertEquals(120, total(tenure, "accounts"));
            movements = total(tenure, "movements");
            assertTrue(movements >= 120, "every account has at least its new-logo movement: " + movements);
            assertTrue(total(tenure, "usage") > 0 && total(tenure, "contacts") > 0 && total(tenure, "surveys") > 0);
            assertEquals(200, tenure.post("/api/v1/import/accounts", TenureProcess.admin(), "text/csv",
                    ACCOUNTS.getBytes(StandardCharsets.UTF_8)).statusCode());
        }
        try (TenureProcess again = TenureProcess.start(home, "--demo", "--demo-accounts", "50")) {
            assertEquals(122, total(again, "accounts"), "a store with accounts is never refilled");
            assertEquals(movements, total(again, "movements"));
        }
    }

    private static long total(TenureProcess tenure, String entity) {
        return JsonParser.parseString(tenure.get("/api/v1/" + entity + "?limit=1", TenureProcess.admin()).body())
                .getAsJsonObject().get("total").getAsLong();
    }

    @Test
    void runsOnPostgresqlAndAChangedMigrationStopsTheStart() throws Exception {
        String base = System.getenv().getOrDefault("TENURE_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = System.getenv().getOrDefault("TENURE_TEST_JDBC_USER", System.getProperty("user.name"));
        String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(base, user, ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("PostgreSQL at " + base + " is required in CI: " + e.getMessage(), e);
            }
            Assumptions.abort("PostgreSQL not reachable: " + e.getMessage());
        }
        Map<String, String> env = Map.of("TENURE_JDBC_URL", base + "?currentSchema=" + schema, "TENURE_JDBC_USER", user);
        try {
            Path home = TenureProcess.freshHome("store-pg");
            try (TenureProcess tenure = TenureProcess.start(home, home.resolve("data"), TenureProcess.freePort(), env)) {
                assertTrue(tenure.get("/health", null).body().contains("PostgreSQL"), "health names the database");
                assertEquals(200, tenure.post("/api/v1/import/accounts", TenureProcess.admin(), "text/csv",
                        ACCOUNTS.getBytes(StandardCharsets.UTF_8)).statusCode());
            }
            try (Connection c = DriverManager.getConnection(base + "?currentSchema=" + schema, user, "");
                    Statement s = c.createStatement()) {
                assertEquals(1, s.executeUpdate("UPDATE tenure_schema_history SET checksum = 'edited' WHERE version = 1"));
            }
            Process p = TenureProcess.launch(home, home.resolve("data"), TenureProcess.freePort(), env);
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(1, p.waitFor(), output);
            assertTrue(output.contains("migration V1 (customer data) was changed after it was applied"), output);
        } finally {
            try (Connection c = DriverManager.getConnection(base, user, ""); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
