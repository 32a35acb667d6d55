package io.rescind.events;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** One committed outbox row, as the relay reads it. */
record OutboxEvent(
        long position, UUID tenantId, UUID eventId, String type, UUID orderId, JsonNode payload, Instant occurredAt) {}
