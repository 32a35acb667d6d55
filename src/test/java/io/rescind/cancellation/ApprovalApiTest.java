package io.rescind.cancellation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures.Trade;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Cancels that need the counterparty's approval, through the canonical API. */
class ApprovalApiTest extends ApiTest {

    private void requireApproval(Trade trade, String ttl, String onExpiry) {
        var policy = Map.of(
                "buyerMayCancel", List.of("ISSUED", "CONFIRMED", "SHIPPED"),
                "sellerMayCancel", List.of("ISSUED", "CONFIRMED", "SHIPPED"),
                "buyerNeedsApproval", List.of("CONFIRMED", "SHIPPED"),
                "pendingTtl", ttl,
                "onExpiry", onExpiry);
        var response = api.put(
                "/api/v1/sellers/" + trade.seller().id() + "/cancellation-policy",
                trade.seller().key(),
                policy);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("buyerNeedsApproval")).hasSize(2);
    }

    /** An order of one line of 3 units at 3.33 with 1.00 shipping, confirmed by the seller. */
    private JsonNode confirmedOrder(Trade trade) {
        var order = given.anOrder(trade)
                .withLine(3, "3.33", Map.of("shippingPrice", 1))
                .place();
        var confirm = api.post(
                lines(order) + order.at("/lines/0/id").asString() + "/confirm",
                trade.seller().key(),
                Map.of());
        assertThat(confirm.status()).as(confirm.toString()).isEqualTo(200);
        return order;
    }

    private static String lines(JsonNode order) {
        return "/api/v1/orders/" + order.get("id").asString() + "/lines/";
    }

    private static String cancellations(JsonNode order) {
        return "/api/v1/orders/" + order.get("id").asString() + "/cancellations";
    }

    private static Map<String, Object> cancel(JsonNode order, long quantity) {
        return Map.of(
                "reason",
                "CUSTOMER_REQUEST",
                "lines",
                List.of(Map.of("lineId", order.at("/lines/0/id").asString(), "quantity", quantity)));
    }

    private JsonNode line(JsonNode order, String key) {
        return api.get("/api/v1/orders/" + order.get("id").asString(), key)
                .json()
                .at("/lines/0");
    }

    @Test
    void aRequestHoldsItsUnitsUntilTheSellerAcceptsIt() {
        var trade = given.trade();
        requireApproval(trade, "PT1H", "REJECT");
        var order = confirmedOrder(trade);

        var requested = api.post(cancellations(order), trade.buyer().key(), cancel(order, 1));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
        var request = requested.json();
        assertThat(request.get("status").asString()).isEqualTo("PENDING");
        assertThat(request.get("deciderId").asString())
                .isEqualTo(trade.seller().id().toString());
        assertThat(request.get("expiresAt").isMissingNode()).isFalse();
        assertThat(requested.header("Location")).endsWith(request.get("id").asString());

        var held = line(order, trade.buyer().key());
        assertThat(held.get("pendingCancelQuantity").asLong()).isEqualTo(1);
        assertThat(held.get("openQuantity").asLong()).isEqualTo(2);
        assertThat(held.get("cancelledQuantity").asLong()).isZero();

        // Held units can be neither shipped nor cancelled again.
        var shipAll = api.post(
                lines(order) + order.at("/lines/0/id").asString() + "/ship",
                trade.seller().key(),
                Map.of("quantity", 3));
        assertThat(shipAll.status()).isEqualTo(409);
        assertThat(shipAll.json().get("type").asString()).isEqualTo("/problems/quantity-exceeds-open");
        var cancelAll = api.post(cancellations(order), trade.seller().key(), cancel(order, 3));
        assertThat(cancelAll.json().get("type").asString()).isEqualTo("/problems/quantity-exceeds-open");

        var awaiting = api.get("/api/v1/cancellation-requests", trade.seller().key());
        assertThat(awaiting.json()).hasSize(1);
        assertThat(awaiting.json().get(0).get("id")).isEqualTo(request.get("id"));
        assertThat(api.get("/api/v1/cancellation-requests", trade.buyer().key()).json())
                .isEmpty();

        var decision = cancellations(order) + "/" + request.get("id").asString();
        var byRequester = api.post(decision + "/accept", trade.buyer().key(), Map.of());
        assertThat(byRequester.status()).isEqualTo(403);
        assertThat(byRequester.json().get("type").asString()).isEqualTo("/problems/not-the-decider");
        var stranger = given.party("SELLER");
        assertThat(api.post(decision + "/accept", stranger.key(), Map.of()).status())
                .isEqualTo(404);

        var accepted = api.post(decision + "/accept", trade.seller().key(), Map.of());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(accepted.json().get("decidedBy").asString())
                .isEqualTo(trade.seller().id().toString());
        assertThat(accepted.json().at("/lines/0/amounts/price").decimalValue()).isEqualByComparingTo("3.33");
        assertThat(accepted.json().at("/lines/0/amounts/shippingPrice").decimalValue())
                .isEqualByComparingTo("0.33");

        var twice = api.post(decision + "/reject", trade.seller().key(), Map.of());
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("type").asString()).isEqualTo("/problems/already-decided");

        var after = line(order, trade.seller().key());
        assertThat(after.get("pendingCancelQuantity").asLong()).isZero();
        assertThat(after.get("cancelledQuantity").asLong()).isEqualTo(1);
        assertThat(after.at("/cancelled/price").decimalValue()).isEqualByComparingTo("3.33");
        assertThat(outboxTypes(order))
                .containsExactly(
                        "order.created",
                        "line.confirmed",
                        "order.cancellation_requested",
                        "order.cancellation_refused",
                        "order.cancellation_accepted",
                        "order.lines_cancelled");
        assertThat(api.get(
                                "/api/v1/orders/" + order.get("id").asString() + "/history",
                                trade.buyer().key())
                        .json())
                .hasSize(6);
    }

    @Test
    void aRejectedRequestReleasesItsUnitsAndTheLastUnitsTakeWhatRemains() {
        var trade = given.trade();
        requireApproval(trade, "PT1H", "REJECT");
        var order = confirmedOrder(trade);

        var first = api.post(cancellations(order), trade.buyer().key(), cancel(order, 2))
                .json();
        var rejected = api.post(
                cancellations(order) + "/" + first.get("id").asString() + "/reject",
                trade.seller().key(),
                Map.of());
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        assertThat(rejected.json().get("status").asString()).isEqualTo("REJECTED");
        var released = line(order, trade.buyer().key());
        assertThat(released.get("pendingCancelQuantity").asLong()).isZero();
        assertThat(released.get("openQuantity").asLong()).isEqualTo(3);
        assertThat(released.get("status").asString()).isEqualTo("CONFIRMED");

        // A request for one unit, the seller cancels the two others at once (its own cancels need
        // no approval), then accepts: the line is cancelled and its money adds up exactly.
        var second = api.post(cancellations(order), trade.buyer().key(), cancel(order, 1))
                .json();
        assertThat(api.post(cancellations(order), trade.seller().key(), cancel(order, 2))
                        .status())
                .isEqualTo(201);
        assertThat(line(order, trade.buyer().key()).get("status").asString()).isEqualTo("CONFIRMED");
        var accepted = api.post(
                cancellations(order) + "/" + second.get("id").asString() + "/accept",
                trade.seller().key(),
                Map.of());
        assertThat(accepted.status()).isEqualTo(200);
        var after = line(order, trade.buyer().key());
        assertThat(after.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(after.get("cancelled")).isEqualTo(after.get("totals"));
    }

    @Test
    void replayingARequestAfterItsDecisionAnswersWithWhatBecameOfIt() {
        var trade = given.trade();
        requireApproval(trade, "PT1H", "REJECT");
        var order = confirmedOrder(trade);
        var rejectedFirst = keyed(order, trade, "ask-1", 1);
        assertThat(rejectedFirst.status()).isEqualTo(202);
        var acceptedSecond = keyed(order, trade, "ask-2", 1);
        assertThat(acceptedSecond.status()).isEqualTo(202);
        decide(order, rejectedFirst, trade, "reject");
        decide(order, acceptedSecond, trade, "accept");

        var rejectedReplay = keyed(order, trade, "ask-1", 1);
        assertThat(rejectedReplay.status()).as(rejectedReplay.toString()).isEqualTo(409);
        assertThat(rejectedReplay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(rejectedReplay.json().get("type").asString()).isEqualTo("/problems/request-rejected");
        assertThat(rejectedReplay.json().get("cancellationId"))
                .isEqualTo(rejectedFirst.json().get("id"));

        var acceptedReplay = keyed(order, trade, "ask-2", 1);
        assertThat(acceptedReplay.status()).as(acceptedReplay.toString()).isEqualTo(201);
        assertThat(acceptedReplay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(acceptedReplay.json().get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(line(order, trade.buyer().key()).get("cancelledQuantity").asLong())
                .isEqualTo(1);
    }

    private io.rescind.support.Api.Response keyed(JsonNode order, Trade trade, String key, long quantity) {
        return api.request("POST", cancellations(order))
                .key(trade.buyer().key())
                .header("Idempotency-Key", key)
                .json(cancel(order, quantity))
                .send();
    }

    private void decide(JsonNode order, io.rescind.support.Api.Response request, Trade trade, String verdict) {
        var decided = api.post(
                cancellations(order) + "/" + request.json().get("id").asString() + "/" + verdict,
                trade.seller().key(),
                Map.of());
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
    }

    @Test
    void linesOutsideTheApprovalStatesAreCancelledAtOnce() {
        var trade = given.trade();
        requireApproval(trade, "PT1H", "REJECT");
        var order = given.anOrder(trade).withLine(2, "1").place();
        var response = api.post(cancellations(order), trade.buyer().key(), cancel(order, 1));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("status").asString()).isEqualTo("APPLIED");
    }

    @Test
    void anUndecidedRequestExpiresWithThePolicysOutcome() {
        var trade = given.trade();
        requireApproval(trade, "PT1S", "ACCEPT");
        var order = confirmedOrder(trade);
        var request = api.post(cancellations(order), trade.buyer().key(), cancel(order, 1))
                .json();
        var path = cancellations(order) + "/" + request.get("id").asString();

        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get(path, trade.buyer().key())
                                .json()
                                .get("status")
                                .asString(),
                        "EXPIRED"::equals);
        var expired = api.get(path, trade.buyer().key()).json();
        assertThat(expired.get("onExpiry").asString()).isEqualTo("ACCEPT");
        assertThat(expired.has("decidedBy")).isFalse();
        assertThat(line(order, trade.buyer().key()).get("cancelledQuantity").asLong())
                .isEqualTo(1);
        assertThat(api.post(path + "/accept", trade.seller().key(), Map.of()).status())
                .isEqualTo(409);
        assertThat(outboxTypes(order)).contains("order.cancellation_expired", "order.lines_cancelled");

        requireApproval(trade, "PT1S", "REJECT");
        var rejectedOnExpiry = api.post(cancellations(order), trade.buyer().key(), cancel(order, 2))
                .json();
        var second = cancellations(order) + "/" + rejectedOnExpiry.get("id").asString();
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get(second, trade.buyer().key())
                                .json()
                                .get("status")
                                .asString(),
                        "EXPIRED"::equals);
        var line = line(order, trade.buyer().key());
        assertThat(line.get("openQuantity").asLong()).isEqualTo(2);
        assertThat(line.get("pendingCancelQuantity").asLong()).isZero();
    }

    @Test
    void aSellersCancelCanAwaitTheBuyerAndOperatorsNeitherWaitNorAreRefusedADecision() {
        var trade = given.trade();
        var policy = Map.of(
                "buyerMayCancel", List.of("ISSUED", "CONFIRMED"),
                "sellerMayCancel", List.of("ISSUED", "CONFIRMED"),
                "sellerNeedsApproval", List.of("ISSUED"));
        assertThat(api.put(
                                "/api/v1/sellers/" + trade.seller().id() + "/cancellation-policy",
                                trade.seller().key(),
                                policy)
                        .status())
                .isEqualTo(200);
        var order = given.anOrder(trade).withLine(4, "1").place();

        var first = api.request("POST", cancellations(order))
                .key(trade.seller().key())
                .header("Idempotency-Key", "seller-1")
                .json(cancel(order, 1))
                .send();
        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().get("deciderId").asString())
                .isEqualTo(trade.buyer().id().toString());
        var replay = api.request("POST", cancellations(order))
                .key(trade.seller().key())
                .header("Idempotency-Key", "seller-1")
                .json(cancel(order, 1))
                .send();
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(line(order, trade.buyer().key()).get("pendingCancelQuantity").asLong())
                .isEqualTo(1);

        assertThat(api.get("/api/v1/cancellation-requests", trade.buyer().key()).json())
                .hasSize(1);
        var byOperator = api.post(
                cancellations(order) + "/" + first.json().get("id").asString() + "/reject", OPERATOR_KEY, Map.of());
        assertThat(byOperator.status()).isEqualTo(200);
        assertThat(byOperator.json().get("status").asString()).isEqualTo("REJECTED");

        var operatorCancel = api.post(cancellations(order), OPERATOR_KEY, cancel(order, 2));
        assertThat(operatorCancel.status()).isEqualTo(201);
        var after = line(order, trade.buyer().key());
        assertThat(after.get("cancelledQuantity").asLong()).isEqualTo(2);
        assertThat(after.get("openQuantity").asLong()).isEqualTo(2);
    }

    @Test
    void onlyASellerHasAPolicyAndAnOperatorCannotSetOneOnABuyer() {
        var trade = given.trade();
        var policy = Map.of("buyerMayCancel", List.of("ISSUED"), "sellerMayCancel", List.of("ISSUED"));
        var path = "/api/v1/sellers/" + trade.buyer().id() + "/cancellation-policy";

        var refused = api.put(path, OPERATOR_KEY, policy);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/not-a-seller");
        assertThat(api.get(path, OPERATOR_KEY).status()).isEqualTo(422);
        assertThat(jdbc.sql("select count(*) from cancellation_policies where seller_id = :party")
                        .param("party", trade.buyer().id())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(api.put(
                                "/api/v1/sellers/" + java.util.UUID.randomUUID() + "/cancellation-policy",
                                OPERATOR_KEY,
                                policy)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aPolicyWithAnUnusableTimeToLiveIsRefused() {
        var trade = given.trade();
        var policy = Map.of(
                "buyerMayCancel", List.of("ISSUED"),
                "sellerMayCancel", List.of("ISSUED"),
                "pendingTtl", "PT0S");
        var response = api.put(
                "/api/v1/sellers/" + trade.seller().id() + "/cancellation-policy",
                trade.seller().key(),
                policy);
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/invalid-policy");
    }

    private List<String> outboxTypes(JsonNode order) {
        return jdbc.sql("select type from outbox where order_id = :id order by position")
                .param("id", UUID.fromString(order.get("id").asString()))
                .query(String.class)
                .list();
    }
}
