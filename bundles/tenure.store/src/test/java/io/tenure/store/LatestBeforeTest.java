package io.tenure.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tenure.api.data.Repository;
import io.tenure.api.engagement.UsageRollup;

/** The rows of each account's latest day before a date, in one query, as the per-account default answers. */
class LatestBeforeTest {

    @ParameterizedTest
    @EnumSource(Databases.class)
    void eachAccountsLatestDayBeforeTheDate(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            store.importData(Samples.all(), n -> { });
            store.importData(List.of(Samples.input(UsageRollup.TYPE, "account_id,date,feature,events\n"
                    + "acme,2025-01-06,*,10\nacme,2025-01-06,reports,4\nacme,2025-02-03,*,7\nacme,2025-03-03,*,5\n"
                    + "globex,2024-12-30,*,3\n")), n -> { });
            Repository<UsageRollup> usage = store.repository(UsageRollup.TYPE);
            Map<String, List<UsageRollup>> latest = usage.latestBefore("date", List.of("acme", "globex", "nobody"),
                    LocalDate.of(2025, 2, 3));
            assertEquals(Set.of("acme", "globex"), latest.keySet(), "nobody has no usage");
            assertEquals(Set.of("*:10", "reports:4"), latest.get("acme").stream().map(u -> u.feature() + ":" + u.events())
                    .collect(Collectors.toSet()), "every row of acme's latest day before Feb 3 (not Feb 3 itself)");
            assertEquals(LocalDate.of(2024, 12, 30), latest.get("globex").get(0).date());

            Repository<UsageRollup> byDefault = new Repository<>() {
                public io.tenure.api.data.EntityType<UsageRollup> type() {
                    return usage.type();
                }

                public java.util.Optional<UsageRollup> get(List<Object> key) {
                    return usage.get(key);
                }

                public io.tenure.api.data.Page<UsageRollup> list(io.tenure.api.data.Query query) {
                    return usage.list(query);
                }

                public List<UsageRollup> ofAccount(String accountId) {
                    return usage.ofAccount(accountId);
                }

                public void forEach(io.tenure.api.data.Query query, java.util.function.Consumer<? super UsageRollup> action) {
                    usage.forEach(query, action);
                }

                public long count(io.tenure.api.data.Query query) {
                    return usage.count(query);
                }

                public UsageRollup save(UsageRollup entity) {
                    throw new UnsupportedOperationException();
                }

                public boolean delete(List<Object> key) {
                    throw new UnsupportedOperationException();
                }
            };
            Map<String, List<UsageRollup>> asked = byDefault.latestBefore("date", List.of("acme", "globex", "nobody"),
                    LocalDate.of(2025, 2, 3));
            assertEquals(latest.keySet(), asked.keySet(), "the interface's per-account default agrees");
            assertEquals(Set.copyOf(latest.get("acme")), Set.copyOf(asked.get("acme")));
            assertThrows(IllegalArgumentException.class, () -> usage.latestBefore("feature", List.of("acme"),
                    LocalDate.of(2025, 2, 3)));
        }
    }
}
