package io.tenure.api.task;

/** Where a task stands. Written as lower-case codes. */
public enum TaskStatus {
    OPEN, IN_PROGRESS, DONE, CANCELLED;
}
