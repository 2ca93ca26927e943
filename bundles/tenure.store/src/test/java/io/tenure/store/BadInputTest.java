package io.tenure.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.tenure.api.account.Account;
import io.tenure.api.data.DataException;
import io.tenure.api.data.DataFormat;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityType;
import io.tenure.api.data.RowError;
import io.tenure.api.revenue.ArrMovement;

/**
 * Every kind of bad input is refused with the line, column and reason of each bad row, and leaves the store exactly as
 * it was: on H2 and on PostgreSQL.
 */
class BadInputTest {
    private static final String HEADER = "account_id,date,type,kind,amount,currency,source\n";
    private static final String GOOD = "acme,2025-01-01,expansion,seat,500,USD,cs_led\n";

    static Stream<Arguments> cases() {
        String huge = "x".repeat(300);
        return Databases.all().flatMap(db -> Stream.of(
                Arguments.of(db, "wrong type", csv(GOOD + "acme,2025-02-30,expansion,seat,abc,USD,cs_led\n"),
                        List.of("3|date|'2025-02-30' is not a date", "3|amount|'abc' is not a decimal number")),
                Arguments.of(db, "unknown code", csv(GOOD + "acme,2025-02-01,upsell,,10,USD,cs_led\n"),
                        List.of("3|type|'upsell' is not one of new, expansion, contraction, churn, reactivation")),
                Arguments.of(db, "negative amount", csv(GOOD + "acme,2025-02-01,contraction,seat,-10,USD,cs_led\n"),
                        List.of("3|amount|-10.00 must be positive")),
                Arguments.of(db, "too many decimals and a bad currency",
                        csv("acme,2025-02-01,expansion,seat,10.001,USD,cs_led\nacme,2025-02-01,expansion,seat,10,XYZ,cs_led\n"),
                        List.of("2|amount|'10.001' has more than 2 decimal places", "3|currency|'XYZ' is not an ISO 4217")),
                Arguments.of(db, "unknown account", csv(GOOD + "nobody,2025-02-01,expansion,seat,10,USD,cs_led\n"),
                        List.of("3|account_id|account 'nobody' does not exist")),
                Arguments.of(db, "churn without its kind", csv(GOOD + "acme,2025-02-01,churn,,10,USD,cs_led\n"),
                        List.of("3|kind|of a churn must be voluntary or involuntary")),
                Arguments.of(db, "missing required column",
                        bytes("account_id,date,type,kind,currency\nacme,2025-01-01,new,,USD\n"),
                        List.of("1||required column amount is missing")),
                Arguments.of(db, "unknown column", bytes("account_id,date,type,amount,currency,colour\nacme,2025-01-01,new,5,USD,red\n"),
                        List.of("1||column colour is not a field of movements")),
                Arguments.of(db, "missing value", csv(GOOD + ",2025-02-01,expansion,seat,10,USD,cs_led\n"),
                        List.of("3|account_id|is required")),
                Arguments.of(db, "wrong number of cells", csv(GOOD + "acme,2025-02-01,expansion\n"),
                        List.of("3||has 3 values but the header names 7 columns")),
                Arguments.of(db, "huge multi-line field", bytes(HEADER.replace("source", "subscription_id")
                        + "acme,2025-02-01,expansion,seat,10,USD,\"" + ("z".repeat(1000) + "\n").repeat(5000) + "\"\n"),
                        List.of("2|subscription_id|at most 100 are allowed")),
                Arguments.of(db, "field longer than allowed", bytes(HEADER.replace("source", "subscription_id")
                        + "acme,2025-02-01,expansion,seat,10,USD," + huge + "\n"),
                        List.of("2|subscription_id|is 300 characters long; at most 100 are allowed")),
                Arguments.of(db, "endless line", bytes(HEADER + "acme,2025-02-01,expansion,seat,10,USD,\"" + "y".repeat(1_100_000) + "\"\n"),
                        List.of("2||a line is longer than")),
                Arguments.of(db, "not UTF-8", concat(bytes(HEADER + GOOD), new byte[] { 'a', 'c', 'm', (byte) 0xE9, ',' },
                        bytes("2025-02-01,expansion,seat,10,USD,cs_led\n")),
                        List.of("||is not valid UTF-8 text")),
                Arguments.of(db, "malformed CSV quote", csv(GOOD + "acme,\"2025-02-01\"x,expansion,seat,10,USD,cs_led\n"),
                        List.of("||the CSV is malformed"))));
    }

    private static byte[] csv(String rows) {
        return bytes(HEADER + rows);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void badRowsAreListedAndNothingIsStored(Databases kind, String what, byte[] movements, List<String> expected)
            throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            store.importData(Samples.all(), n -> { });
            String before = StoreTest.exportAll(store);
            List<DataStore.ImportInput> inputs = List.of(
                    Samples.input(Account.TYPE, "account_id,name,vertical,signed_date\nnewco,New Co,plg,2025-01-01\n"),
                    new DataStore.ImportInput(ArrMovement.TYPE, DataFormat.CSV, "movements.csv", new ByteArrayInputStream(movements)));
            if (expected.isEmpty()) {
                store.importData(inputs, n -> { });
                return;
            }
            DataException e = assertThrows(DataException.class, () -> store.importData(inputs, n -> { }), what);
            assertTrue(e.getMessage().startsWith("nothing was imported"), e.getMessage());
            for (String want : expected) {
                String[] p = want.split("\\|", 3);
                assertTrue(e.errors().stream().anyMatch(err -> matches(err, p)), what + ": expected " + want + " in " + e.errors());
            }
            assertEquals(before, StoreTest.exportAll(store), what + ": the store is unchanged");
            assertTrue(store.repository(Account.TYPE).get(List.of("newco")).isEmpty(), "the good file was rolled back too");
        }
    }

    private static boolean matches(RowError err, String[] p) {
        return (p[0].isEmpty() || err.line() == Long.parseLong(p[0])) && err.column().equals(p[1])
                && err.reason().contains(p[2]) && err.source().equals("movements.csv");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Databases.class)
    void badJsonLinesAreListedToo(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            store.importData(Samples.all(), n -> { });
            String before = StoreTest.exportAll(store);
            String jsonl = "{\"account_id\":\"acme\",\"date\":\"2025-01-01\",\"type\":\"new\",\"amount\":\"10\",\"currency\":\"USD\"}\n"
                    + "{\"account_id\":\"acme\",\"date\":\n"
                    + "[1,2]\n"
                    + "{\"account_id\":\"acme\",\"date\":\"2025-01-01\",\"type\":\"new\",\"amount\":{\"amount\":\"-3\",\"currency\":\"USD\"}}\n"
                    + "{\"account_id\":\"acme\",\"date\":\"2025-01-01\",\"type\":\"new\",\"amount\":\"3\",\"currency\":\"USD\",\"extra\":1}\n";
            EntityType<?> type = ArrMovement.TYPE;
            DataException e = assertThrows(DataException.class, () -> store.importData(List.of(new DataStore.ImportInput(type,
                    DataFormat.JSON_LINES, "movements.jsonl", new ByteArrayInputStream(bytes(jsonl)))), n -> { }));
            assertEquals(4, e.badRows(), e.errors().toString());
            assertTrue(e.errors().stream().anyMatch(r -> r.line() == 2 && r.reason().startsWith("is not valid JSON")), e.errors().toString());
            assertTrue(e.errors().stream().anyMatch(r -> r.line() == 3 && r.reason().equals("is not a JSON object")), e.errors().toString());
            assertTrue(e.errors().stream().anyMatch(r -> r.line() == 4 && r.column().equals("amount")), e.errors().toString());
            assertTrue(e.errors().stream().anyMatch(r -> r.line() == 5 && r.column().equals("extra")), e.errors().toString());
            assertEquals(before, StoreTest.exportAll(store));
        }
    }
}
