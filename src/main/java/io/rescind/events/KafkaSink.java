package io.rescind.events;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the canonical envelope to a Kafka topic keyed by order id, so every event of one order
 * lands in one partition, in order. The relay marks the event published only after the broker
 * acknowledged it.
 */
@Component
@Order(2)
@ConditionalOnProperty(name = "rescind.events.kafka.enabled", havingValue = "true")
class KafkaSink implements EventSink {

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final String topic;

    KafkaSink(KafkaTemplate<String, String> kafka, JsonMapper json, EventsProperties properties) {
        this.kafka = kafka;
        this.json = json;
        this.topic = properties.kafka().topic();
    }

    @Override
    public void publish(OutboxEvent event, EventType type) {
        var key = event.orderId() != null
                ? event.orderId().toString()
                : event.eventId().toString();
        var record = new ProducerRecord<>(topic, key, Envelope.render(json, event, type.name(), Flavour.CANONICAL));
        record.headers().add("event-id", event.eventId().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            kafka.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing to Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge event " + event.eventId(), e);
        }
    }
}
