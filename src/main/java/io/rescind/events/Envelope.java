package io.rescind.events;

import java.util.LinkedHashMap;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Version 1 of the external event envelope, the body of every webhook and Kafka record. Its fields
 * are documented in docs/events.md; {@code data} is the change itself.
 */
final class Envelope {

    static final int VERSION = 1;

    private Envelope() {}

    static String render(JsonMapper json, OutboxEvent event, String typeName, Flavour flavour) {
        var envelope = new LinkedHashMap<String, Object>();
        envelope.put("id", event.eventId());
        envelope.put("type", typeName);
        envelope.put("version", VERSION);
        envelope.put("occurredAt", event.occurredAt().toString());
        envelope.put("tenantId", event.tenantId());
        if (event.orderId() != null) {
            envelope.put("orderId", event.orderId());
        }
        var actor = event.payload().get("actor");
        if (actor != null && !actor.isNull()) {
            envelope.put("actor", UUID.fromString(actor.asString()));
        }
        if (flavour == Flavour.TRADECLOUD) {
            envelope.put("eventName", typeName);
        }
        envelope.put("data", data(event.payload()));
        return json.writeValueAsString(envelope);
    }

    /** The change, without the internal type name it may carry (the envelope names it). */
    private static JsonNode data(JsonNode payload) {
        var change = payload.get("change");
        var data = change == null ? payload : change;
        if (data instanceof ObjectNode object && object.has("type")) {
            var copy = object.deepCopy();
            copy.remove("type");
            return copy;
        }
        return data;
    }
}
