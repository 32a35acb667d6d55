package io.rescind.orders;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** One entry of an order's history: a change as it was recorded. */
public record HistoryEntry(long id, Instant at, UUID actor, String type, JsonNode detail) {}
