package io.rescind.cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Un-cancelling lines on the canonical API. */
class RevertApiTest extends ApiTest {

    @Test
    void aCancelledLineReturnsToItsStatusAtTheCurrentVersionOnly() {
        var trade = given.trade();
        var order = given.anOrder(trade)
                .withLine(2, "4.00", Map.of("position", "A"))
                .withLine(1, "4.00", Map.of("position", "B"))
                .place();
        var id = order.get("id").asString();
        var lineA = order.at("/lines/0/id").asString();
        api.post(
                "/api/v1/orders/%s/lines/%s/reject".formatted(id, lineA),
                trade.seller().key(),
                Map.of());
        var cancel = api.post(
                "/api/v1/orders/" + id + "/cancellations",
                trade.buyer().key(),
                Map.of("reason", "BUYER_CANCELLED", "lines", List.of(Map.of("position", "A"))));
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(201);
        var version = api.get("/api/v1/orders/" + id, trade.buyer().key())
                .json()
                .get("version")
                .asLong();

        var reverted = api.post(
                "/api/v1/orders/" + id + "/revert-cancellation",
                trade.buyer().key(),
                Map.of("positions", List.of("A"), "reason", "mistake", "version", version));

        assertThat(reverted.status()).as(reverted.toString()).isEqualTo(200);
        assertThat(reverted.json().get("version").asLong()).isEqualTo(version + 1);
        var line = api.get("/api/v1/orders/" + id, trade.buyer().key()).json().at("/lines/0");
        assertThat(line.get("status").asString()).isEqualTo("REJECTED");
        assertThat(line.get("cancelledQuantity").asLong()).isZero();
        assertThat(line.at("/cancelled/price").decimalValue()).isZero();

        var stale = api.post(
                "/api/v1/orders/" + id + "/revert-cancellation",
                trade.buyer().key(),
                Map.of("positions", List.of("A"), "version", version));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("type").asString()).endsWith("/stale-version");
        var notCancelled = api.post(
                "/api/v1/orders/" + id + "/revert-cancellation",
                trade.buyer().key(),
                Map.of("positions", List.of("B"), "version", version + 1));
        assertThat(notCancelled.status()).isEqualTo(409);
        assertThat(notCancelled.json().get("type").asString()).endsWith("/not-cancelled");
        var invalid = api.post(
                "/api/v1/orders/" + id + "/revert-cancellation", trade.buyer().key(), Map.of("positions", List.of()));
        assertThat(invalid.status()).isEqualTo(400);
    }
}
