package io.rescind.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class KafkaEventsTest extends ApiTest {

    @Test
    void aCancelThroughTheApiArrivesOnTheTopicKeyedByOrder() {
        var trade = given.trade();
        var order = given.anOrder(trade).withLine(2, "3.00").place();
        var orderId = order.get("id").asString();
        var response = api.post(
                "/api/v1/orders/" + orderId + "/cancellations",
                trade.buyer().key(),
                Map.of("reason", "CUSTOMER_REQUEST", "lines", List.of(Map.of("lineNumber", 1, "quantity", 1))));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);

        var properties = Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getProperty("spring.embedded.kafka.brokers"),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        try (var consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("rescind.events"));
            // Read until no event of this order has come for ten polls after both events arrived, so that a
            // duplicate sent after them would be seen too; then exactly two, each event once.
            var ofOrder = new ArrayList<ConsumerRecord<String, String>>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int quietPolls = 0;
            while (quietPolls < 10 && System.nanoTime() < deadline) {
                int before = ofOrder.size();
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (orderId.equals(record.key())) {
                        ofOrder.add(record);
                    }
                }
                quietPolls = ofOrder.size() >= 2 && ofOrder.size() == before ? quietPolls + 1 : 0;
            }
            assertThat(ofOrder.stream()
                            .map(r -> Api.JSON.readTree(r.value()).get("id").asString())
                            .toList())
                    .as("event ids on the topic")
                    .doesNotHaveDuplicates();
            assertThat(ofOrder).hasSize(2);
            var types = ofOrder.stream()
                    .map(r -> Api.JSON.readTree(r.value()).get("type").asString())
                    .toList();
            assertThat(types).containsExactly("order.created", "cancellation.applied");
            var cancelled = Api.JSON.readTree(ofOrder.get(1).value());
            assertThat(cancelled.at("/data/cancellationId").asString())
                    .isEqualTo(response.json().get("id").asString());
            assertThat(new String(
                            ofOrder.get(1).headers().lastHeader("event-id").value()))
                    .isEqualTo(cancelled.get("id").asString());
        }
    }
}
