package io.rescind.console;

import io.rescind.events.DaySummary;
import io.rescind.parties.Caller;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** The tenant's activity for the operator's dashboard, through the events module's summary. */
@Component
class ConsoleActivity {

    private final DaySummary summary;

    ConsoleActivity(DaySummary summary) {
        this.summary = summary;
    }

    DaySummary.Summary since(Caller operator, Instant since) {
        return summary.since(operator, since);
    }
}
