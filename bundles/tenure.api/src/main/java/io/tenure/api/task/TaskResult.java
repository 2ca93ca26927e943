package io.tenure.api.task;

/**
 * How a completed task's play ended: a save play that kept the account ({@code succeeded}), kept part of it
 * ({@code partial}) or lost it ({@code failed}); likewise for expansion hand-offs and referral requests. Written as
 * lower-case codes.
 */
public enum TaskResult {
    SUCCEEDED, PARTIAL, FAILED;
}
