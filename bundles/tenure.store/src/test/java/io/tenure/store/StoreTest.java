package io.tenure.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tenure.api.account.Account;
import io.tenure.api.account.JourneyStage;
import io.tenure.api.account.Vertical;
import io.tenure.api.data.DataException;
import io.tenure.api.data.DataFormat;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityType;
import io.tenure.api.data.Field;
import io.tenure.api.data.Page;
import io.tenure.api.data.Query;
import io.tenure.api.data.Repository;
import io.tenure.api.money.Money;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.MovementType;

/** The store on both databases: schema, repositories, import and export. */
class StoreTest {

    @ParameterizedTest
    @EnumSource(Databases.class)
    void schemaHasAColumnForEveryFieldAndCustomerTablesLeadWithAccountId(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            try (Connection c = fresh.db.connection()) {
                DatabaseMetaData meta = c.getMetaData();
                for (EntityType<?> type : store.types()) {
                    List<String> columns = new java.util.ArrayList<>();
                    try (ResultSet rs = meta.getColumns(null, c.getSchema(), type.name(), null)) {
                        while (rs.next()) {
                            columns.add(rs.getString("COLUMN_NAME"));
                        }
                    }
                    for (Field<?> f : type.fields()) {
                        assertTrue(columns.contains(EntityTable.column(f)), type.name() + " lacks column " + EntityTable.column(f)
                                + " (has " + columns + ")");
                    }
                    assertEquals(type.fields().size(), columns.size(), type.name() + " columns " + columns);
                    if (type.accountScoped()) {
                        assertEquals("account_id", columns.get(0), type.name());
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void migrationsApplyOnceAndAChangedScriptStopsTheStart(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open()) {
            new JdbcDataStore(fresh.db);
            Migrations again = Migrations.fromClasspath(getClass().getClassLoader(), JdbcDataStore.MIGRATIONS,
                    java.time.Clock.systemUTC());
            assertEquals(List.of(), again.apply(fresh.db), "nothing left to apply");
            Migrations.Migration original = Migrations.parse(JdbcDataStore.MIGRATIONS.get(0), Samples.csv(Account.TYPE));
            Migrations changed = new Migrations(List.of(new Migrations.Migration(1, "customer data",
                    "CREATE TABLE x (a INT);", Migrations.sha256("CREATE TABLE x (a INT);"))), java.time.Clock.systemUTC());
            Migrations.MigrationException e = assertThrows(Migrations.MigrationException.class, () -> changed.apply(fresh.db));
            assertTrue(e.getMessage().contains("migration V1 (customer data) was changed after it was applied"), e.getMessage());
            assertTrue(original.checksum().length() == 64);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void importsEverySampleAndReadsItBack(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            assertTrue(store.isEmpty());
            Map<String, Long> counts = store.importData(Samples.all(), n -> { });
            assertEquals(3L, counts.get("accounts"));
            assertEquals(5L, counts.get("movements"));
            assertFalse(store.isEmpty());
            for (EntityType<?> type : store.types()) {
                long lines = Samples.csv(type).strip().lines().count() - 1;
                assertEquals(lines, store.repository(type).count(Query.all()), type.name());
            }
            Account acme = store.repository(Account.TYPE).get(List.of("acme")).orElseThrow();
            assertEquals("Acme, Inc.", acme.name());
            assertEquals(JourneyStage.ADOPTION, acme.stage());
            List<ArrMovement> movements = store.repository(ArrMovement.TYPE).ofAccount("acme");
            assertEquals(2, movements.size());
            assertEquals(Money.parse("120000", "USD"), movements.stream().map(ArrMovement::signedAmount)
                    .reduce(Money::plus).orElseThrow());
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void importIsIdempotentAndKeepsColumnsTheFileLeavesOut(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            store.importData(Samples.all(), n -> { });
            String before = exportAll(store);
            store.importData(Samples.all(), n -> { });
            assertEquals(before, exportAll(store), "a second import of the same files changes nothing");

            store.importData(List.of(Samples.input(Account.TYPE,
                    "account_id,name,vertical,segment,signed_date,owner\nacme,Acme Corp,enterprise,enterprise,2024-01-15,ben\n")),
                    n -> { });
            Account acme = store.repository(Account.TYPE).get(List.of("acme")).orElseThrow();
            assertEquals("Acme Corp", acme.name());
            assertEquals(Optional.of("ben"), acme.owner());
            assertEquals(JourneyStage.ADOPTION, acme.stage(), "stage is not in the file and stays as it was");
            assertEquals(Optional.of("Lighthouse logo"), acme.strategicReason());
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void exportRoundTripsThroughImportInBothFormats(Databases kind) throws Exception {
        try (Databases.Fresh a = kind.open(); JdbcDataStore source = new JdbcDataStore(a.db)) {
            source.importData(Samples.all(), n -> { });
            for (DataFormat format : DataFormat.values()) {
                try (Databases.Fresh b = kind.open(); JdbcDataStore target = new JdbcDataStore(b.db)) {
                    List<DataStore.ImportInput> inputs = new java.util.ArrayList<>();
                    for (EntityType<?> type : source.types()) {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        source.export(type, Query.all(), format, out);
                        inputs.add(new DataStore.ImportInput(type, format, type.name() + format.extension(),
                                new ByteArrayInputStream(out.toByteArray())));
                    }
                    target.importData(inputs, n -> { });
                    assertEquals(exportAll(source), exportAll(target), format + " round trip");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void repositoryListsFiltersSortsPagesAndDeletesAnAccountWithItsRecords(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            store.importData(Samples.all(), n -> { });
            Repository<Account> accounts = store.repository(Account.TYPE);
            Page<Account> plg = accounts.list(Query.all().where("vertical", "plg"));
            assertEquals(1, plg.total());
            assertEquals("globex", plg.items().get(0).id());
            Page<Account> bySigned = accounts.list(Query.all().sortedBy("signed_date", true).page(1, 1));
            assertEquals(3, bySigned.total());
            assertEquals(List.of("acme"), bySigned.items().stream().map(Account::id).toList());
            assertEquals(List.of("acme"), accounts.list(Query.all().where("health", "red")).items().stream().map(Account::id).toList(),
                    "acme's latest score is red; its earlier green one does not count");
            assertEquals(List.of("globex"), accounts.list(Query.all().where("health", "green")).items().stream().map(Account::id).toList());
            assertEquals(0, accounts.list(Query.all().where("health", "yellow")).total());
            assertThrows(IllegalArgumentException.class, () -> accounts.list(Query.all().where("health", "purple")));
            assertEquals(2, store.repository(ArrMovement.TYPE).count(Query.all().since("date", "2024-07-01")),
                    "acme's expansion and initech's churn are on or after 2024-07-01");
            assertEquals(1, store.repository(io.tenure.api.engagement.SupportTicket.TYPE).count(Query.all().since("opened", "2024-05-01")));
            assertEquals(0, store.repository(io.tenure.api.engagement.SupportTicket.TYPE).count(Query.all().since("opened", "2024-05-02")));
            assertThrows(IllegalArgumentException.class, () -> accounts.list(Query.all().since("signed_date", "soon")));
            assertThrows(IllegalArgumentException.class, () -> accounts.list(Query.all().where("colour", "red")));
            assertThrows(IllegalArgumentException.class, () -> accounts.list(Query.all().where("vertical", "retail")));

            Repository<ArrMovement> movements = store.repository(ArrMovement.TYPE);
            DataException unknown = assertThrows(DataException.class, () -> movements.save(new ArrMovement("nobody", "m1",
                    LocalDate.of(2024, 1, 1), MovementType.NEW, Optional.empty(), Money.parse("10", "USD"),
                    io.tenure.api.revenue.MovementSource.SALES_LED, Optional.empty())));
            assertTrue(unknown.getMessage().contains("account 'nobody' does not exist"), unknown.getMessage());

            Account changed = new Account("globex", "Globex Corporation", Vertical.PLG, Optional.empty(), Optional.empty(),
                    Optional.empty(), LocalDate.of(2024, 3, 1), JourneyStage.ADOPTION, Optional.empty(), Optional.empty());
            accounts.save(changed);
            assertEquals(changed, accounts.get(List.of("globex")).orElseThrow());

            assertTrue(accounts.delete(List.of("acme")));
            assertFalse(accounts.delete(List.of("acme")));
            for (EntityType<?> type : store.types()) {
                if (type.accountScoped()) {
                    assertEquals(0, store.repository(type).count(Query.all().where("account_id", "acme")), type.name());
                }
            }
            assertEquals(1, movements.count(Query.all().where("account_id", "globex")));
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void tableVersionsMoveWithEveryCommittedWriteAndOnlyThen(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            long accounts = store.version(Account.TYPE);
            long movements = store.version(ArrMovement.TYPE);
            store.importData(Samples.all(), n -> { });
            assertTrue(store.version(Account.TYPE) > accounts);
            assertTrue(store.version(ArrMovement.TYPE) > movements);
            long before = store.version(ArrMovement.TYPE);
            assertThrows(DataException.class, () -> store.importData(List.of(Samples.input(ArrMovement.TYPE,
                    "account_id,date,type,amount,currency\nnobody,2025-01-01,new,5,USD\n")), n -> { }));
            assertEquals(before, store.version(ArrMovement.TYPE), "a refused import changes nothing");
            store.repository(Account.TYPE).delete(List.of("acme"));
            assertTrue(store.version(ArrMovement.TYPE) > before, "deleting an account deletes its movements");
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aClusterLockHasOneHolderAtATime(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            AutoCloseable first = store.tryLock("health-recompute").orElseThrow();
            if (kind == Databases.POSTGRESQL) {
                try (Databases.Fresh other = kind.open(); JdbcDataStore node2 = new JdbcDataStore(other.db)) {
                    assertTrue(node2.tryLock("health-recompute").isEmpty(), "a second node does not get it");
                }
            } else {
                assertTrue(store.tryLock("health-recompute").isEmpty());
            }
            assertTrue(store.tryLock("another-job").isPresent());
            first.close();
            store.tryLock("health-recompute").orElseThrow().close();
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void theChangeLogNamesTheAccountsEachWriteTouched(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            store.importData(Samples.all(), n -> { });
            DataStore.Changes all = store.changesSince(ArrMovement.TYPE, Long.MAX_VALUE);
            long mark = all.upTo();
            assertTrue(mark > 0);
            store.importData(List.of(Samples.input(ArrMovement.TYPE,
                    "account_id,date,type,kind,amount,currency\nglobex,2025-01-01,expansion,seat,5,USD\n")), n -> { });
            DataStore.Changes since = store.changesSince(ArrMovement.TYPE, mark);
            assertEquals(java.util.Set.of("globex"), since.accountIds());
            assertTrue(since.complete());
            store.repository(Account.TYPE).delete(List.of("acme"));
            DataStore.Changes after = store.changesSince(ArrMovement.TYPE, since.upTo());
            assertEquals(java.util.Set.of("acme"), after.accountIds(), "deleting an account deletes its movements");
            assertEquals(java.util.Set.of("acme"), store.changesSince(Account.TYPE, since.upTo()).accountIds());
            assertEquals(java.util.Set.of(), store.changesSince(ArrMovement.TYPE, after.upTo()).accountIds());
            assertTrue(!store.changesSince(ArrMovement.TYPE, 0).complete(), "from the start: reload everything");
        }
    }

    static String exportAll(DataStore store) throws Exception {
        StringBuilder b = new StringBuilder();
        for (EntityType<?> type : store.types()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.export(type, Query.all(), DataFormat.CSV, out);
            b.append(out.toString(StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    static Set<String> lines(String text) {
        return new HashSet<>(text.lines().toList());
    }

    static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static void exec(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
