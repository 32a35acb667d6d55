package io.rescind.actions;

import io.rescind.cancellation.CancelOutcome;
import java.util.List;

/** What became of steps submitted under an ordering key: carried out now, or queued. */
public sealed interface Submission {

    /** Every step ran now, in the order given; each cancel's outcome as the engine decided it. */
    record Ran(List<CancelOutcome> outcomes) implements Submission {
        public Ran {
            outcomes = List.copyOf(outcomes);
        }
    }

    /** Nothing ran now: each step is an action queued behind the key, in the order given. */
    record Queued(List<Action> actions) implements Submission {
        public Queued {
            actions = List.copyOf(actions);
        }
    }
}
