package io.rescind.dialects.crux;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures.Trade;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A supplier's decision and a shipment of the same line, at the same moment: one wins, units stay exact. */
class CruxRaceTest extends ApiTest {

    private static final int ORDERS = 12;
    private static final List<String> OPEN_STATES =
            List.of("ISSUED", "IN_PROGRESS", "CONFIRMED", "REJECTED", "SHIPPED");

    private Trade approvingTrade() {
        var trade = given.trade();
        var response = api.put(
                "/api/v1/sellers/" + trade.seller().id() + "/cancellation-policy",
                trade.seller().key(),
                Map.of(
                        "buyerMayCancel", OPEN_STATES,
                        "sellerMayCancel", OPEN_STATES,
                        "buyerNeedsApproval", OPEN_STATES));
        assertThat(response.status()).isEqualTo(200);
        return trade;
    }

    /** A confirmed line of 4 units whose cancel the retailer has requested. */
    private JsonNode requested(Trade trade) {
        var order = given.anOrder(trade).withLine(4, "2.50").place();
        var line = order.at("/lines/0/id").asString();
        assertThat(api.post(lineUrl(order) + "/confirm", trade.seller().key(), Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(crux(
                                "DELETE",
                                "/orders/items/cancel/" + line + "/",
                                trade.buyer().key())
                        .status())
                .isEqualTo(204);
        return order;
    }

    private static String lineUrl(JsonNode order) {
        return "/api/v1/orders/" + order.get("id").asString() + "/lines/"
                + order.at("/lines/0/id").asString();
    }

    private Api.Response crux(String method, String path, String key) {
        return api.request(method, path).header("Authorization", "Token " + key).send();
    }

    private Api.Response ship(Trade trade, JsonNode order) {
        return api.post(lineUrl(order) + "/ship", trade.seller().key(), Map.of("quantity", 4));
    }

    @Test
    void aConfirmRacingAShipmentOfTheHeldUnitsAlwaysWinsAndNothingIsCountedTwice() throws Exception {
        var trade = approvingTrade();
        var orders = new ArrayList<JsonNode>();
        for (int i = 0; i < ORDERS; i++) {
            orders.add(requested(trade));
        }
        var responses = eachAgainstAShipment(
                trade,
                orders,
                item -> crux(
                        "PATCH",
                        "/timp/orders/items/cancel/" + item + "/confirm/",
                        trade.seller().key()));
        for (int i = 0; i < ORDERS; i++) {
            assertThat(responses.get(2 * i).status()).isEqualTo(204);
            assertThat(responses.get(2 * i + 1).status()).isEqualTo(409);
            var line = line(trade, orders.get(i));
            assertThat(line.get("cancelledQuantity").asLong()).isEqualTo(4);
            assertThat(line.get("shippedQuantity").asLong()).isZero();
            assertThat(line.get("pendingCancelQuantity").asLong()).isZero();
            assertThat(line.get("status").asString()).isEqualTo("CANCELLED");
        }
    }

    @Test
    void aRejectRacingAShipmentEitherShipsEverythingOrLeavesItOpen() throws Exception {
        var trade = approvingTrade();
        var orders = new ArrayList<JsonNode>();
        for (int i = 0; i < ORDERS; i++) {
            orders.add(requested(trade));
        }
        var responses = eachAgainstAShipment(
                trade,
                orders,
                item -> crux(
                        "PATCH",
                        "/timp/orders/items/cancel/" + item + "/reject/",
                        trade.seller().key()));
        for (int i = 0; i < ORDERS; i++) {
            assertThat(responses.get(2 * i).status()).isEqualTo(204);
            var shipped = responses.get(2 * i + 1).status() == 200;
            var line = line(trade, orders.get(i));
            assertThat(line.get("pendingCancelQuantity").asLong()).isZero();
            assertThat(line.get("cancelledQuantity").asLong()).isZero();
            assertThat(line.get("shippedQuantity").asLong()).isEqualTo(shipped ? 4 : 0);
            assertThat(line.get("openQuantity").asLong()).isEqualTo(shipped ? 0 : 4);
        }
    }

    @Test
    void aRetailerCancelRacingAShipmentOfTheSameLineLetsExactlyOneWin() throws Exception {
        var trade = approvingTrade();
        var orders = new ArrayList<JsonNode>();
        for (int i = 0; i < ORDERS; i++) {
            var order = given.anOrder(trade).withLine(4, "2.50").place();
            api.post(lineUrl(order) + "/confirm", trade.seller().key(), Map.of());
            orders.add(order);
        }
        var responses = eachAgainstAShipment(
                trade,
                orders,
                item -> crux(
                        "DELETE",
                        "/orders/items/cancel/" + item + "/",
                        trade.buyer().key()));
        for (int i = 0; i < ORDERS; i++) {
            var cancel = responses.get(2 * i).status();
            var ship = responses.get(2 * i + 1).status();
            assertThat(List.of(cancel, ship)).isIn(List.of(204, 409), List.of(422, 200));
            var line = line(trade, orders.get(i));
            assertThat(line.get("pendingCancelQuantity").asLong()).isEqualTo(cancel == 204 ? 4 : 0);
            assertThat(line.get("shippedQuantity").asLong()).isEqualTo(ship == 200 ? 4 : 0);
            assertThat(line.get("openQuantity").asLong()).isZero();
        }
    }

    private JsonNode line(Trade trade, JsonNode order) {
        return api.get(
                        "/api/v1/orders/" + order.get("id").asString(),
                        trade.buyer().key())
                .json()
                .at("/lines/0");
    }

    /**
     * For each order, the Crux call made with its first line's id races a shipment of that line;
     * the responses come in pairs, the Crux call's first.
     */
    private List<Api.Response> eachAgainstAShipment(
            Trade trade, List<JsonNode> orders, Function<String, Api.Response> cruxCall) throws Exception {
        var calls = new ArrayList<Callable<Api.Response>>();
        for (var order : orders) {
            var item = order.at("/lines/0/id").asString();
            calls.add(() -> cruxCall.apply(item));
            calls.add(() -> ship(trade, order));
        }
        return all(calls);
    }

    /** Runs every call at the same moment on its own virtual thread; responses in call order. */
    private static List<Api.Response> all(List<Callable<Api.Response>> calls) throws Exception {
        var start = new CountDownLatch(1);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<Api.Response>>();
            for (var call : calls) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            var responses = new ArrayList<Api.Response>();
            for (var future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
    }
}
