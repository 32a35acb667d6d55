package io.rescind.bulk;

import java.util.List;

/** What became of a bulk request: a job accepted (new, or the one an idempotency key names), or a dry run's answer. */
public sealed interface Submission {

    record Accepted(BulkJob job, boolean replayed) implements Submission {}

    /** What each order would get now; nothing was stored. */
    record DryRun(List<OrderResult> results) implements Submission {
        public DryRun {
            results = List.copyOf(results);
        }
    }
}
