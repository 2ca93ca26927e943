package io.tenure.api.playbook;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.tenure.api.account.Account;
import io.tenure.api.account.StageChange;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.HealthScore;
import io.tenure.api.journey.Handoff;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.ChurnRecord;
import io.tenure.api.task.Task;

/**
 * Everything a playbook trigger may look at for one account: the history the health measures see, plus the account's
 * recent ARR movements, its stage changes, its tasks (to hold back a play while another runs), its latest health score
 * and its churn post-mortems. The lists are oldest first.
 *
 * @param history usage, sentiment, relationship, contracts and milestones, as of the day evaluated
 * @param movements ARR movements of the last {@link #MOVEMENT_DAYS} days before {@code asOf}
 * @param stageChanges every stage change
 * @param tasks every task of the account, open or closed
 * @param health the latest health score on or before {@code asOf}, if the account was ever scored
 * @param churnRecords the account's churn and contraction post-mortems
 * @param handoffs the account's handoffs (sales to CS with the account executive, services to CS, ...)
 */
public record PlaybookContext(AccountHistory history, List<ArrMovement> movements, List<StageChange> stageChanges,
        List<Task> tasks, Optional<HealthScore> health, List<ChurnRecord> churnRecords, List<Handoff> handoffs) {
    /** How far back {@link #movements()} reaches: 18 months, the end of the re-engagement window. */
    public static final int MOVEMENT_DAYS = 550;

    public PlaybookContext {
        movements = sorted(movements, Comparator.comparing(ArrMovement::date).thenComparing(ArrMovement::id));
        stageChanges = sorted(stageChanges, Comparator.comparing(StageChange::date).thenComparing(StageChange::id));
        tasks = sorted(tasks, Comparator.comparing(Task::created).thenComparing(Task::id));
        java.util.Objects.requireNonNull(health, "health");
        churnRecords = sorted(churnRecords, Comparator.comparing(ChurnRecord::date).thenComparing(ChurnRecord::id));
        handoffs = sorted(handoffs, Comparator.comparing(Handoff::date).thenComparing(Handoff::id));
    }

    /** A context without handoffs. */
    public PlaybookContext(AccountHistory history, List<ArrMovement> movements, List<StageChange> stageChanges,
            List<Task> tasks, Optional<HealthScore> health, List<ChurnRecord> churnRecords) {
        this(history, movements, stageChanges, tasks, health, churnRecords, List.of());
    }

    /** A context with nothing but the history (an account without movements, stage changes, tasks or scores). */
    public static PlaybookContext of(AccountHistory history) {
        return new PlaybookContext(history, List.of(), List.of(), List.of(), Optional.empty(), List.of());
    }

    public Account account() {
        return history.account();
    }

    public LocalDate asOf() {
        return history.asOf();
    }

    /** Whether a task of one of {@code playbooks} is open or in progress. */
    public boolean hasOpenTask(Set<String> playbooks) {
        return tasks.stream().anyMatch(t -> t.isOpen() && playbooks.contains(t.playbook()));
    }

    private static <T> List<T> sorted(List<T> list, Comparator<T> order) {
        List<T> copy = new ArrayList<>(list);
        copy.sort(order);
        return Collections.unmodifiableList(copy);
    }
}
