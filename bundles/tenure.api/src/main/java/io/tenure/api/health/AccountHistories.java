package io.tenure.api.health;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Reads accounts' histories as the health measures and playbook triggers see them. */
@ProviderType
public interface AccountHistories {

    /** Every account's history for scoring on any day from {@code earliest} to {@code asOf}, keyed by account id. */
    Map<String, AccountHistory> all(LocalDate asOf, LocalDate earliest);

    /** One account's history as of {@code asOf}. */
    Optional<AccountHistory> of(String accountId, LocalDate asOf);
}
