package io.tenure.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tenure.api.account.Account;
import io.tenure.api.data.DataFormat;
import io.tenure.api.data.DataStore;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.store.Databases;
import io.tenure.store.JdbcDataStore;

/** After new movements only the accounts they touch are read again, and the figures equal a full reload's. */
class LedgerRefreshTest {

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aPatchedLedgerGivesTheSameFiguresAsAFullReload(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            List<Account> accounts = new ArrayList<>();
            List<ArrMovement> movements = new ArrayList<>();
            RetentionCrossCheckTest.generate(new SplittableRandom(5), 300, accounts, movements);
            store.saveAll(Account.TYPE, accounts);
            store.saveAll(ArrMovement.TYPE, movements);
            LedgerSource source = new LedgerSource(store);
            source.current();
            // a few accounts change, one is deleted, one is new
            store.importData(List.of(input("""
                    account_id,date,type,kind,amount,currency,source
                    a1,2025-03-01,expansion,seat,123.45,USD,cs_led
                    a2,2025-04-01,contraction,tier,0.01,USD,cs_led
                    """)), n -> { });
            store.repository(Account.TYPE).delete(List.of("a3"));
            store.importData(List.of(new DataStore.ImportInput(Account.TYPE, DataFormat.CSV, "accounts.csv",
                    new ByteArrayInputStream("account_id,name,vertical,signed_date\nz9,Z,plg,2025-02-01\n".getBytes(StandardCharsets.UTF_8))),
                    input("account_id,date,type,amount,currency\nz9,2025-02-01,new,999,USD\n")), n -> { });
            RevenueLedger patched = source.current();
            assertEquals(1, source.fullLoads.get(), "the changes were patched in, not reloaded");
            RevenueLedger full = new LedgerSource(store).current();
            assertEquals(full.size(), patched.size());
            for (LocalDate from = LocalDate.of(2023, 6, 1); from.isBefore(LocalDate.of(2026, 1, 1)); from = from.plusMonths(4)) {
                for (LocalDate to : List.of(from.plusMonths(1), from.plusYears(1))) {
                    assertEquals(figures(full, from, to), figures(patched, from, to), from + " to " + to);
                }
            }
        }
    }

    private static String figures(RevenueLedger ledger, LocalDate from, LocalDate to) {
        RetentionCalculator.Retention r = RetentionCalculator.compute(ledger, from, to, a -> true);
        return r.cohortAccounts() + "/" + r.startingArr() + "/" + r.expansionArr() + "/" + r.contractionArr() + "/" + r.churnedArr()
                + "/" + r.retainedAccounts() + "/" + r.newLogoArr() + "/" + r.totalEndingArr();
    }

    private static DataStore.ImportInput input(String csv) {
        return new DataStore.ImportInput(ArrMovement.TYPE, DataFormat.CSV, "movements.csv",
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }
}
