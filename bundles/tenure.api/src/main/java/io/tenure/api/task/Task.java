package io.tenure.api.task;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Require;

/**
 * A call to action: what a playbook (or a person) asks someone to do for an account, by when.
 *
 * @param accountId the account
 * @param id the task's identifier
 * @param playbook the playbook that created it, or {@code manual}
 * @param title what to do
 * @param owner who must do it
 * @param created when it was created
 * @param due when it is due (the SLA)
 * @param status open, in_progress, done or cancelled
 * @param outcome what came of it, once done
 * @param evidence what triggered it (links or a summary of the signal)
 * @param play the play that was run, once done (a save play such as {@code honest_reset}, {@code right_size},
 *        {@code executive_conversation}, {@code discount}, {@code feature_promise}, {@code extra_service}; or
 *        {@code hand_to_sales}, {@code referral_request}, ...)
 * @param result how the play ended, once done
 * @param completed when it was completed or cancelled
 * @param steps what to do, one step a line, from the playbook
 */
public record Task(String accountId, String id, String playbook, String title, String owner, Instant created,
        Instant due, TaskStatus status, Optional<String> outcome, Optional<String> evidence, Optional<String> play,
        Optional<TaskResult> result, Optional<Instant> completed, Optional<String> steps) {

    public static final EntityType<Task> TYPE = EntityType.builder("tasks", Task.class,
            "calls to action with owner, due time, status and outcome")
            .accountId(Task::accountId)
            .id("task_id", "the task's identifier", Task::id)
            .text("playbook", false, 100, "playbook that created it (default manual)", Task::playbook)
            .text("title", true, 500, "what to do", Task::title)
            .text("owner", true, 100, "who must do it", Task::owner)
            .timestamp("created", true, "when it was created", Task::created)
            .timestamp("due", true, "when it is due", Task::due)
            .code("status", false, TaskStatus.class, "open, in_progress, done or cancelled (default open)", Task::status)
            .text("outcome", false, 4000, "what came of it", Task::outcome)
            .text("evidence", false, 4000, "what triggered it", Task::evidence)
            .text("play", false, 100, "the play that was run, e.g. honest_reset, right_size, executive_conversation, "
                    + "discount, feature_promise, extra_service, hand_to_sales, referral_request", Task::play)
            .code("result", false, TaskResult.class, "how the play ended: succeeded, partial or failed", Task::result)
            .timestamp("completed", false, "when it was completed or cancelled", Task::completed)
            .text("steps", false, 4000, "what to do, one step a line, from the playbook", Task::steps)
            .build(r -> new Task(r.text("account_id"), r.text("task_id"), r.optionalText("playbook").orElse("manual"),
                    r.text("title"), r.text("owner"), r.timestamp("created"), r.timestamp("due"),
                    r.optionalCode("status", TaskStatus.class).orElse(TaskStatus.OPEN), r.optionalText("outcome"),
                    r.optionalText("evidence"), r.optionalText("play"), r.optionalCode("result", TaskResult.class),
                    r.optionalTimestamp("completed"), r.optionalText("steps")));

    /** A new task that is not done yet. */
    public Task(String accountId, String id, String playbook, String title, String owner, Instant created, Instant due,
            TaskStatus status, Optional<String> outcome, Optional<String> evidence) {
        this(accountId, id, playbook, title, owner, created, due, status, outcome, evidence, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The same task with the playbook's steps, numbered one a line. */
    public Task withSteps(List<String> list) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
            text.append(i == 0 ? "" : "\n").append(i + 1).append(". ").append(list.get(i));
        }
        return new Task(accountId, id, playbook, title, owner, created, due, status, outcome, evidence, play, result,
                completed, text.length() == 0 ? Optional.empty() : Optional.of(text.toString()));
    }

    public Task {
        Require.text(accountId, "account_id");
        Require.text(id, "task_id");
        Require.text(playbook, "playbook");
        Require.text(title, "title");
        Require.text(owner, "owner");
        Require.present(created, "created");
        Require.present(due, "due");
        if (due.isBefore(created)) {
            throw new IllegalArgumentException("due " + due + " is before created " + created);
        }
        Require.present(status, "status");
        Require.optional(outcome, "outcome");
        Require.optional(evidence, "evidence");
        Require.optional(play, "play");
        Require.optional(result, "result");
        Require.optional(completed, "completed");
        Require.optional(steps, "steps");
        if (completed.isPresent() && completed.get().isBefore(created)) {
            throw new IllegalArgumentException("completed " + completed.get() + " is before created " + created);
        }
    }

    /** Done or cancelled at {@code when}, with what came of it. */
    public Task complete(TaskStatus end, Instant when, Optional<String> play, Optional<TaskResult> result,
            Optional<String> outcome) {
        if (end != TaskStatus.DONE && end != TaskStatus.CANCELLED) {
            throw new IllegalArgumentException("a task ends done or cancelled, not " + end.name().toLowerCase(java.util.Locale.ROOT));
        }
        return new Task(accountId, id, playbook, title, owner, created, due, end, outcome.or(() -> this.outcome), evidence,
                play, result, Optional.of(when), steps);
    }

    /** Open or in progress. */
    public boolean isOpen() {
        return status == TaskStatus.OPEN || status == TaskStatus.IN_PROGRESS;
    }

    /** Open or in progress and past its due time at {@code now}. */
    public boolean overdue(Instant now) {
        return isOpen() && now.isAfter(due);
    }
}
