package io.tenure.ingest;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How events map to accounts, features and contacts, and how much ingestion takes before it pushes back. */
@ObjectClassDefinition(name = "Tenure ingestion", description = "The Segment-compatible event API under /v1/: how events "
        + "map to accounts, features and contacts, the write-ahead log, and the limits past which clients are asked to "
        + "retry later (429/503 with Retry-After).")
public @interface IngestConfig {
    String PID = "io.tenure.ingest";

    @AttributeDefinition(name = "Account of a group call", description = "Empty: the group id is the account id. "
            + "Otherwise the group trait that holds the account id (e.g. account_id), falling back to the group id.")
    String groupAccountTrait() default "";

    @AttributeDefinition(name = "Account of other calls", description = "Where a track, page, screen or identify call "
            + "names its account directly, as a path into the event (context.groupId, properties.account_id, "
            + "traits.company_id); empty for none. Without it, the account is the one of the user's latest group call.")
    String accountPath() default "context.groupId";

    @AttributeDefinition(name = "Feature of a track call", description = "Empty: the event name is the feature. "
            + "Otherwise a path such as properties.feature; events without it count under their name.")
    String featurePath() default "";

    @AttributeDefinition(name = "Contact role trait", description = "The identify trait holding the contact's role "
            + "(champion, executive_sponsor, budget_holder, user, skeptic); new contacts without it are users.")
    String roleTrait() default "role";

    @AttributeDefinition(name = "Most requests waiting for the log", description = "Past this, calls are answered 429 "
            + "with Retry-After.", min = "1", max = "10000")
    int maxPendingRequests() default 256;

    @AttributeDefinition(name = "Most unapplied log (MB)", description = "Past this much received but not yet stored, "
            + "calls are answered 503 with Retry-After.", min = "1", max = "1048576")
    int maxBacklogMb() default 2048;

    @AttributeDefinition(name = "Pace past (MB)", description = "Past this much received but not yet stored, each call "
            + "waits (up to a second) for the store to catch up before it is taken: the intake slows to the store's pace "
            + "instead of running ahead of it. At or above the unapplied-log limit it never waits.", min = "1", max = "1048576")
    int paceBacklogMb() default 64;

    @AttributeDefinition(name = "Log commit timeout (ms)", description = "A call whose events are not on disk by then "
            + "is answered 503 (it was not acknowledged).", min = "100", max = "120000")
    int commitTimeoutMs() default 10000;

    @AttributeDefinition(name = "Log segment size (MB)", min = "1", max = "4096")
    int segmentMb() default 64;

    @AttributeDefinition(name = "Events per store transaction", description = "How many events the drain applies to "
            + "the store in one transaction.", min = "1", max = "1000000")
    int drainBatchEvents() default 50000;

    @AttributeDefinition(name = "Deduplication window (hours)", description = "How long a messageId is remembered: a "
            + "retry within it is counted once.", min = "1", max = "8760")
    int dedupeWindowHours() default 48;
}
