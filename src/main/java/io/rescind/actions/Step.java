package io.rescind.actions;

import io.rescind.orders.Amendment;
import io.rescind.orders.CancelLines;

/**
 * One part of a message carried out through an ordering key ({@link Actions#runOrQueue}): a
 * cancellation, or a buyer's amendment of the order's content. A message is a list of steps, run in
 * the order given, now or, when queued, each as its own action behind the key.
 */
public sealed interface Step {

    record Cancel(CancelLines command) implements Step {}

    record Amend(Amendment amendment) implements Step {}
}
