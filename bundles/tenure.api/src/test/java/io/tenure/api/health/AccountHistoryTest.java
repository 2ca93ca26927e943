package io.tenure.api.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tenure.api.account.Account;
import io.tenure.api.data.Row;
import io.tenure.api.engagement.UsageRollup;

/** Measures see a history in one order, whatever order the records were read in. */
class AccountHistoryTest {

    @Test
    void keepsUsageOldestFirstThenByFeatureHoweverItWasGiven() {
        Account account = Account.TYPE.fromRow(new Row(Map.of("account_id", "a", "name", "A", "vertical", "plg",
                "signed_date", LocalDate.of(2024, 1, 1), "stage", "adoption")));
        UsageRollup late = new UsageRollup("a", LocalDate.of(2024, 3, 2), "reports", 5, 2);
        UsageRollup earlyB = new UsageRollup("a", LocalDate.of(2024, 3, 1), "search", 4, 1);
        UsageRollup earlyA = new UsageRollup("a", LocalDate.of(2024, 3, 1), "export", 3, 1);
        AccountHistory history = new AccountHistory(account, LocalDate.of(2024, 4, 1), List.of(), List.of(late, earlyB, earlyA),
                List.of(), List.of(), List.of(), List.of(), List.of());
        assertEquals(List.of(earlyA, earlyB, late), history.usage());
        assertEquals(history.usage(), history.asOf(LocalDate.of(2024, 3, 15)).usage());
    }
}
