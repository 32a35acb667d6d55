package io.rescind.console;

import io.rescind.actions.Action;
import io.rescind.actions.Actions;
import io.rescind.parties.Caller;
import java.util.List;
import org.springframework.stereotype.Component;

/** Asynchronous actions, through the service the REST API calls. */
@Component
class ConsoleActions {

    private final Actions actions;

    ConsoleActions(Actions actions) {
        this.actions = actions;
    }

    List<Action> recent(Caller caller, Action.Status status, int limit) {
        return actions.recent(caller, status, limit);
    }
}
