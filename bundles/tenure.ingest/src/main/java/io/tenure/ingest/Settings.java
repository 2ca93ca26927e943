package io.tenure.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The ingestion configuration, checked: a bad value stops the component with a message naming it. */
record Settings(String groupAccountTrait, List<String> accountPath, List<String> featurePath, String roleTrait,
        int maxPendingRequests, long maxBacklogBytes, long paceBacklogBytes, int commitTimeoutMs, long segmentBytes, int drainBatchEvents,
        int dedupeWindowHours) {

    private static final Pattern PATH = Pattern.compile("(properties|traits|context)(\\.[A-Za-z0-9_$-]+)+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_$.-]*");

    static Settings of(IngestConfig c) {
        List<String> problems = new ArrayList<>();
        if (!NAME.matcher(c.groupAccountTrait()).matches()) {
            problems.add("groupAccountTrait '" + c.groupAccountTrait() + "' is not a trait name (letters, digits, _ . - $)");
        }
        if (!c.accountPath().isEmpty() && !PATH.matcher(c.accountPath()).matches()) {
            problems.add("accountPath '" + c.accountPath() + "' is not a path such as context.groupId or properties.account_id");
        }
        if (!c.featurePath().isEmpty() && !PATH.matcher(c.featurePath()).matches()) {
            problems.add("featurePath '" + c.featurePath() + "' is not a path such as properties.feature");
        }
        if (c.roleTrait().isBlank() || !NAME.matcher(c.roleTrait()).matches()) {
            problems.add("roleTrait '" + c.roleTrait() + "' is not a trait name");
        }
        range(problems, "maxPendingRequests", c.maxPendingRequests(), 1, 10_000);
        range(problems, "maxBacklogMb", c.maxBacklogMb(), 1, 1_048_576);
        range(problems, "paceBacklogMb", c.paceBacklogMb(), 1, 1_048_576);
        range(problems, "commitTimeoutMs", c.commitTimeoutMs(), 100, 120_000);
        range(problems, "segmentMb", c.segmentMb(), 1, 4096);
        range(problems, "drainBatchEvents", c.drainBatchEvents(), 1, 1_000_000);
        range(problems, "dedupeWindowHours", c.dedupeWindowHours(), 1, 8760);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the " + IngestConfig.PID + " configuration is not valid: "
                    + String.join("; ", problems));
        }
        return new Settings(c.groupAccountTrait(), split(c.accountPath()), split(c.featurePath()), c.roleTrait(),
                c.maxPendingRequests(), (long) c.maxBacklogMb() << 20, (long) c.paceBacklogMb() << 20, c.commitTimeoutMs(), (long) c.segmentMb() << 20,
                c.drainBatchEvents(), c.dedupeWindowHours());
    }

    private static List<String> split(String path) {
        return path.isEmpty() ? List.of() : List.of(path.split("\\."));
    }

    private static void range(List<String> problems, String name, long value, long min, long max) {
        if (value < min || value > max) {
            problems.add(name + " " + value + " is outside " + min + ".." + max);
        }
    }
}
