package io.tenure.api.data;

import java.time.LocalDate;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

import io.tenure.api.account.Account;

/**
 * Demo records a bundle adds to the generated demo customer base ({@code bin/tenure run --demo}): a vertical's device
 * fleets, marketplace sides, trials. Register an implementation as a service; when Tenure runs with {@code --demo},
 * the demo loader calls {@link #contribute} once the base demo data is in the store, or as soon as the contribution
 * appears if it starts later, but only while {@link #present} says its records are not there yet. It is never called
 * without {@code --demo}.
 *
 * <p>A contribution must be deterministic (the same accounts, date and seed give the same records), follow DOMAIN.md
 * like the base generator does, and derive what it adds from the accounts' stored history (their ARR movements,
 * usage, contacts) rather than from a health score, so the scores are tested against the data and not the other way
 * round.
 */
@ConsumerType
public interface DemoContribution {
    /** A short name for logs and {@code /health}, e.g. {@code "haas devices"}. */
    String name();

    /** @return whether this contribution's records are already in the store (then it is not called) */
    boolean present(DataStore store) throws DataException;

    /**
     * Adds the demo records.
     *
     * @param accounts every stored account, in id order
     * @param asOf the demo's "today"
     * @param seed the demo data's seed
     * @return how many records were stored
     */
    long contribute(DataStore store, List<Account> accounts, LocalDate asOf, long seed) throws DataException;
}
