package io.rescind.dialects.tradecloud;

import static io.rescind.dialects.tradecloud.TradecloudMessages.basic;
import static io.rescind.dialects.tradecloud.TradecloudMessages.example;
import static io.rescind.dialects.tradecloud.TradecloudMessages.indicators;
import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures;
import io.rescind.support.Fixtures.Party;
import io.rescind.support.Fixtures.Trade;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A buyer's resend updating line content, its {@code completed} indicator, and revertCancelled
 * taking units back from stock, as a Tradecloud client sees them.
 */
class TradecloudContentTest extends ApiTest {

    @Autowired
    private PlatformTransactionManager transactions;

    private static final String INDICATORS = "/v2/api-connector/order/indicators";
    private static final String ORDER = "/v2/api-connector/order";
    private static final String RESPONSE = "/v2/api-connector/order-response";

    // --- content updates

    @Test
    void aNewPositionBecomesANewLineNumberedAfterTheLastAndNothingIsRenumbered() {
        var trade = given.trade();
        var number = issued(trade, "00010", "00020");

        var response = send(ORDER, trade.buyer(), message(trade, number, null, line("00020", 5), line("00015", 2)));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var lines = canonical(trade, number).get("lines");
        assertThat(lines.valueStream().map(l -> l.get("position").asString()))
                .containsExactly("00010", "00020", "00015");
        assertThat(lines.valueStream().map(l -> l.get("number").asInt())).containsExactly(1, 2, 3);
        assertThat(lines.get(2).get("quantity").asLong()).isEqualTo(2);
        assertThat(lines.get(2).get("status").asString()).isEqualTo("ISSUED");
        var amended = lastOf(trade, number, "order.amended");
        assertThat(amended.at("/detail/added/0/position").asString()).isEqualTo("00015");
        assertThat(amended.at("/detail/changed").size()).isZero();
    }

    @Test
    void openLinesTakeNewQuantityPriceAndDescriptionAndAnAnsweredLineIsReopened() {
        var trade = given.trade();
        var number = issued(trade, "00010", "00020");
        respond(trade, number, "00020", "accepted");
        var first = line("00010", 7);
        price(first, "80.00");
        first.put("description", "Round tube, longer");

        send(ORDER, trade.buyer(), message(trade, number, null, first, line("00020", 4)));

        var lines = canonical(trade, number).get("lines");
        assertThat(lines.at("/0/quantity").asLong()).isEqualTo(7);
        assertThat(lines.at("/0/unitPrice").decimalValue()).isEqualByComparingTo("80.00");
        assertThat(lines.at("/0/description").asString()).isEqualTo("Round tube, longer");
        assertThat(lines.at("/0/status").asString()).isEqualTo("ISSUED");
        assertThat(lines.at("/1/quantity").asLong()).isEqualTo(4);
        assertThat(statuses(trade, number)).containsExactly("Issued", "InProgress");
        var changed = lastOf(trade, number, "order.amended").at("/detail/changed");
        assertThat(changed.at("/1/from").asString()).isEqualTo("CONFIRMED");
        assertThat(changed.at("/1/to").asString()).isEqualTo("IN_PROGRESS");
        assertThat(changed.at("/1/changes/0/field").asString()).isEqualTo("quantity");
        // The supplier answers the changed line again.
        respond(trade, number, "00020", "accepted");
        assertThat(statuses(trade, number)).containsExactly("Issued", "Confirmed");
        // The same content again changes nothing and records nothing.
        var entries = history(trade, number).size();
        send(ORDER, trade.buyer(), message(trade, number, null, first, line("00020", 4)));
        assertThat(history(trade, number).size()).isEqualTo(entries);
    }

    @Test
    void aQuantityBelowWhatIsCancelledOrAPriceChangeAfterARefundIsRefusedForThatLineAlone() {
        var trade = given.trade();
        var number = issued(trade, "00010", "00020");
        var order = canonical(trade, number);
        var cancel = api.post(
                "/api/v1/orders/" + order.get("id").asString() + "/cancellations",
                trade.buyer().key(),
                Map.of("reason", "BUYER_CANCELLED", "lines", List.of(Map.of("position", "00010", "quantity", 3))));
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(201);

        var response = send(ORDER, trade.buyer(), message(trade, number, null, line("00010", 3), line("00020", 6)));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var lines = canonical(trade, number).get("lines");
        assertThat(lines.at("/0/quantity").asLong()).isEqualTo(5);
        assertThat(lines.at("/1/quantity").asLong()).isEqualTo(6);
        var refused = lastOf(trade, number, "order.amended").at("/detail/refused/0");
        assertThat(refused.get("position").asString()).isEqualTo("00010");
        assertThat(refused.get("reason").asString()).isEqualTo("quantity-below-committed");

        var repriced = line("00010", 5);
        price(repriced, "99.00");
        send(ORDER, trade.buyer(), message(trade, number, null, repriced));
        assertThat(lastOf(trade, number, "order.amended")
                        .at("/detail/refused/0/reason")
                        .asString())
                .isEqualTo("price-locked");

        send(ORDER, trade.buyer(), message(trade, number, null, line("00010", 4)));
        var line = canonical(trade, number).at("/lines/0");
        assertThat(line.get("quantity").asLong()).isEqualTo(4);
        assertThat(line.get("unitPrice").decimalValue()).isEqualByComparingTo("78.90");
        assertThat(line.get("openQuantity").asLong()).isEqualTo(1);
        // The money of the three cancelled units stays what it was refunded at.
        assertThat(line.at("/cancelled/price").decimalValue()).isEqualByComparingTo("236.70");
    }

    @Test
    void updatesToCompletedAndCancelledLinesAreIgnored() {
        var trade = given.trade();
        var number = issued(trade, "00010", "00020", "00030");
        var id = canonical(trade, number).get("id").asString();
        move(trade, id, 0, "confirm");
        move(trade, id, 0, "complete");
        send(INDICATORS, trade.buyer(), indicators(number, null, Map.of("00020", Map.of("cancelled", true))));

        send(ORDER, trade.buyer(), message(trade, number, null, line("00010", 9), line("00020", 9), line("00030", 5)));

        var lines = canonical(trade, number).get("lines");
        assertThat(lines.valueStream().map(l -> l.get("quantity").asLong())).containsExactly(5L, 5L, 5L);
        assertThat(statuses(trade, number)).containsExactly("Completed", "Cancelled", "Issued");
        var ignored = lastOf(trade, number, "order.amended").at("/detail/ignored");
        assertThat(ignored.valueStream().map(i -> i.get("status").asString()))
                .containsExactly("COMPLETED", "CANCELLED");
    }

    @Test
    void contentIsAppliedBeforeTheCancelsOfTheSameMessage() {
        var trade = given.trade();
        var number = issued(trade, "00010", "00020");
        var grown = line("00010", 8);
        grown.put("indicators", Map.of("cancelled", true));
        var added = line("00030", 2);
        added.put("indicators", Map.of("cancelled", true));

        send(ORDER, trade.buyer(), message(trade, number, null, grown, line("00020", 5), added));

        assertThat(statuses(trade, number)).containsExactly("Cancelled", "Issued", "Cancelled");
        var lines = canonical(trade, number).get("lines");
        assertThat(lines.at("/0/cancelledQuantity").asLong()).isEqualTo(8);
        assertThat(lines.at("/2/cancelledQuantity").asLong()).isEqualTo(2);
    }

    @Test
    void aResendTheOrderCannotHoldIsABadRequestAndChangesNothing() {
        var trade = given.trade();
        var number = issued(trade, "00010");
        var dollars = line("00010", 6);
        dollars.put(
                "prices",
                Map.of("netPrice", Map.of("priceInTransactionCurrency", Map.of("value", 1, "currencyIso", "USD"))));
        var incomplete = new LinkedHashMap<String, Object>(Map.of("position", "00020"));
        var fractional = line("00010", 6);
        fractional.put("deliverySchedule", List.of(Map.of("quantity", new BigDecimal("2.5"))));
        for (var body : List.of(
                message(trade, number, null, dollars),
                message(trade, number, null, line("00010", 6), incomplete),
                message(trade, number, null, fractional))) {
            var response = send(ORDER, trade.buyer(), body);
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.json().get("ok").asBoolean()).isFalse();
        }
        var lines = canonical(trade, number).get("lines");
        assertThat(lines.size()).isEqualTo(1);
        assertThat(lines.at("/0/quantity").asLong()).isEqualTo(5);
        assertThat(canonical(trade, number).get("version").asLong()).isZero();
    }

    @Test
    void theSdkFullOrderAsAResendIsReadInFullAndItsFractionalQuantityRefused() throws Exception {
        var trade = given.trade();
        var payload = example("sdk-order.json")
                .replace("\"540830\"", "\"" + trade.seller().id() + "\"");
        var number = "PO0123456789";
        given.anOrder(trade)
                .numbered(number)
                .withLine(3, "12.35", Map.of("position", "0001"))
                .place();

        var response = send(ORDER, trade.buyer(), payload);

        // The SDK's schedule adds up to 11111.10 units; Rescind counts whole units.
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("message").asString()).contains("whole units");
        assertThat(canonical(trade, number).at("/lines/0/quantity").asLong()).isEqualTo(3);
    }

    @Test
    void aReopenedLineThatIsCancelledAndRevertedReturnsToInProgress() {
        var trade = given.trade();
        var number = issued(trade, "00010");
        respond(trade, number, "00010", "accepted");
        send(ORDER, trade.buyer(), message(trade, number, null, line("00010", 6)));
        send(INDICATORS, trade.buyer(), indicators(number, Map.of("cancelled", true), Map.of()));
        var order = canonical(trade, number);

        var reverted = send(
                "/v2/order/" + order.get("id").asString() + "/revertCancelled",
                trade.buyer(),
                Map.of("linePositions", List.of("00010"), "version", order.get("version")));

        assertThat(reverted.status()).as(reverted.toString()).isEqualTo(200);
        assertThat(statuses(trade, number)).containsExactly("InProgress");
    }

    @Test
    void resendsMeetingAnOrderLockedByALongChangeAreQueuedWholeAndAppliedInArrivalOrder() {
        var trade = given.trade();
        var number = issued(trade, "00010");
        var orderId =
                java.util.UUID.fromString(canonical(trade, number).get("id").asString());
        var smaller = line("00010", 7);
        smaller.put("indicators", Map.of("cancelled", true));

        var responses = new TransactionTemplate(transactions).execute(tx -> {
            jdbc.sql("select order_id from purchase_orders where order_id = :id for no key update")
                    .param("id", orderId)
                    .query(java.util.UUID.class)
                    .single();
            return List.of(
                    send(ORDER, trade.buyer(), message(trade, number, null, line("00010", 9))),
                    send(ORDER, trade.buyer(), message(trade, number, null, smaller)));
        });

        assertThat(responses).allSatisfy(response -> {
            assertThat(response.status()).as(response.toString()).isEqualTo(202);
            assertThat(response.json().get("ok").asBoolean()).isTrue();
        });
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(statuses(trade, number)).containsExactly("Cancelled"));
        // 5 -> 9 by the first message, 9 -> 7 by the second, then the second's cancel.
        assertThat(canonical(trade, number).at("/lines/0/quantity").asLong()).isEqualTo(7);
        var changes = history(trade, number).stream()
                .filter(e -> List.of("order.amended", "cancellation.applied")
                        .contains(e.get("type").asString()))
                .toList();
        assertThat(changes)
                .extracting(e -> e.get("type").asString())
                .containsExactly("order.amended", "order.amended", "cancellation.applied");
        assertThat(changes.get(0).at("/detail/changed/0/changes/0/to").asString())
                .isEqualTo("9");
        assertThat(changes.get(1).at("/detail/changed/0/changes/0/to").asString())
                .isEqualTo("7");
    }

    @Test
    void aResendThatOnlyRepeatsTheContentStillQueuesItsCancelsBehindALongLock() {
        var trade = given.trade();
        var number = issued(trade, "00010", "00020");
        var orderId =
                java.util.UUID.fromString(canonical(trade, number).get("id").asString());

        var response = new TransactionTemplate(transactions).execute(tx -> {
            jdbc.sql("select order_id from purchase_orders where order_id = :id for no key update")
                    .param("id", orderId)
                    .query(java.util.UUID.class)
                    .single();
            return send(
                    ORDER,
                    trade.buyer(),
                    message(trade, number, Map.of("cancelled", true), line("00010", 5), line("00020", 5)));
        });

        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(statuses(trade, number)).containsExactly("Cancelled", "Cancelled"));
    }

    // --- the buyer's completed indicator

    @Test
    void completedCompletesConfirmedLinesAndIsRefusedAndRecordedForTheOthers() {
        var trade = given.trade();
        var number = issued(trade, "00010", "00020", "00030");
        respond(trade, number, "00010", "accepted");
        respond(trade, number, "00030", "accepted");

        var response = send(
                INDICATORS,
                trade.buyer(),
                indicators(number, Map.of("completed", true), Map.of("00030", Map.of("completed", false))));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(statuses(trade, number)).containsExactly("Completed", "Issued", "Confirmed");
        var types = history(trade, number).stream()
                .map(e -> e.get("type").asString())
                .toList();
        assertThat(types).endsWith("order.amended", "order.line.completed");
        var refused = lastOf(trade, number, "order.amended").at("/detail/refused/0");
        assertThat(refused.get("position").asString()).isEqualTo("00020");
        assertThat(refused.get("reason").asString()).isEqualTo("cannot-complete");
        var completed = lastOf(trade, number, "order.line.completed");
        assertThat(completed.get("actor").asString())
                .isEqualTo(trade.buyer().id().toString());
        assertThat(completed.at("/detail/from").asString()).isEqualTo("CONFIRMED");
    }

    @Test
    void onAResendCompletedAppliesOnlyToTheLinesInTheMessageAndBeatsCancelled() {
        var trade = given.trade();
        var number = issued(trade, "00010", "00020");
        respond(trade, number, "00010", "accepted");
        respond(trade, number, "00020", "accepted");
        var first = line("00010", 5);
        first.put("indicators", Map.of("cancelled", true));

        send(ORDER, trade.buyer(), message(trade, number, Map.of("completed", true), first));

        assertThat(statuses(trade, number)).containsExactly("Completed", "Confirmed");
    }

    // --- revert takes units from stock again

    @Test
    void revertCancelledTakesTheRestockedUnitsBackOrIsAConflictWhenTheyAreGone() {
        var trade = given.trade();
        stock(trade, "ITEM-00010", 10);
        stock(trade, "ITEM-00020", 10);
        var number = issued(trade, "00010", "00020");
        send(INDICATORS, trade.buyer(), indicators(number, Map.of("cancelled", true), Map.of()));
        assertThat(available(trade, "ITEM-00010")).isEqualTo(15);
        assertThat(available(trade, "ITEM-00020")).isEqualTo(15);
        var order = canonical(trade, number);
        var revert = "/v2/order/" + order.get("id").asString() + "/revertCancelled";

        var reverted = send(
                revert,
                trade.buyer(),
                Map.of("linePositions", List.of("00010"), "reason", "mistake", "version", order.get("version")));

        assertThat(reverted.status()).as(reverted.toString()).isEqualTo(200);
        assertThat(available(trade, "ITEM-00010")).isEqualTo(10);
        assertThat(statuses(trade, number)).containsExactly("Issued", "Cancelled");

        stock(trade, "ITEM-00020", 4);
        var refused = send(
                revert,
                trade.buyer(),
                Map.of(
                        "linePositions",
                        List.of("00020"),
                        "version",
                        reverted.json().get("version")));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().get("ok").asBoolean()).isFalse();
        assertThat(refused.json().get("message").asString()).contains("ITEM-00020");
        assertThat(statuses(trade, number)).containsExactly("Issued", "Cancelled");
        assertThat(available(trade, "ITEM-00020")).isEqualTo(4);
    }

    // --- helpers

    private Api.Response send(String path, Party party, Object body) {
        return api.request("POST", path)
                .header("Authorization", basic(party))
                .json(body)
                .send();
    }

    /** An order issued through Tradecloud, 5 units at 78.90 per position; returns its number. */
    private String issued(Trade trade, String... positions) {
        var number = Fixtures.uniqueNumber();
        var lines = new ArrayList<Map<String, Object>>();
        for (var position : positions) {
            lines.add(line(position, 5));
        }
        var response = send(ORDER, trade.buyer(), message(trade, number, null, lines.toArray(Map[]::new)));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return number;
    }

    /** A full line: item ITEM-{position}, its quantity in two deliveries, 78.90 EUR a unit. */
    private static Map<String, Object> line(String position, long quantity) {
        var line = new LinkedHashMap<String, Object>();
        line.put("position", position);
        line.put("item", Map.of("number", "ITEM-" + position, "name", "Tube " + position));
        line.put(
                "deliverySchedule",
                List.of(
                        Map.of("position", "0001", "date", "2026-12-01", "quantity", quantity - 1),
                        Map.of("position", "0002", "date", "2026-12-15", "quantity", 1)));
        price(line, "78.90");
        return line;
    }

    private static void price(Map<String, Object> line, String value) {
        line.put(
                "prices",
                Map.of(
                        "netPrice",
                        Map.of(
                                "priceInTransactionCurrency",
                                Map.of("value", new BigDecimal(value), "currencyIso", "EUR")),
                        "priceUnitQuantity",
                        1));
    }

    @SafeVarargs
    private static Map<String, Object> message(
            Trade trade, String number, Map<String, Object> orderIndicators, Map<String, Object>... lines) {
        var order = new LinkedHashMap<String, Object>();
        order.put("supplierAccountNumber", trade.seller().id().toString());
        order.put("purchaseOrderNumber", number);
        if (orderIndicators != null) {
            order.put("indicators", orderIndicators);
        }
        return Map.of("order", order, "lines", List.of(lines));
    }

    private void respond(Trade trade, String number, String position, String answer) {
        var response = send(
                RESPONSE,
                trade.seller(),
                Map.of(
                        "order",
                        Map.of("buyerAccountNumber", trade.buyer().id().toString(), "purchaseOrderNumber", number),
                        "lines",
                        List.of(Map.of("purchaseOrderLinePosition", position, "indicators", Map.of(answer, true)))));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private void move(Trade trade, String orderId, int index, String move) {
        var lineId = api.get("/api/v1/orders/" + orderId, trade.buyer().key())
                .json()
                .at("/lines/" + index + "/id")
                .asString();
        var response = api.post(
                "/api/v1/orders/%s/lines/%s/%s".formatted(orderId, lineId, move),
                trade.seller().key(),
                Map.of());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private void stock(Trade trade, String sku, long available) {
        var response = api.put("/api/v1/inventory/" + sku, trade.seller().key(), Map.of("available", available));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private long available(Trade trade, String sku) {
        return api.get("/api/v1/inventory/" + sku, trade.seller().key())
                .json()
                .get("available")
                .asLong();
    }

    /** The order as the canonical API shows it to the buyer. */
    private JsonNode canonical(Trade trade, String number) {
        return api.get("/api/v1/orders?limit=100", trade.buyer().key())
                .json()
                .get("items")
                .valueStream()
                .filter(o -> o.get("orderNumber").asString().equals(number))
                .findFirst()
                .orElseThrow();
    }

    private List<String> statuses(Trade trade, String number) {
        var id = canonical(trade, number).get("id").asString();
        return api.request("GET", "/v2/order/" + id)
                .key(trade.buyer().key())
                .send()
                .json()
                .get("lines")
                .valueStream()
                .map(l -> l.at("/status/processStatus").asString())
                .toList();
    }

    private List<JsonNode> history(Trade trade, String number) {
        var id = canonical(trade, number).get("id").asString();
        return api.get("/api/v1/orders/" + id + "/history", trade.buyer().key())
                .json()
                .valueStream()
                .toList();
    }

    private JsonNode lastOf(Trade trade, String number, String type) {
        return history(trade, number).stream()
                .filter(e -> e.get("type").asString().equals(type))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + type + " in the history"));
    }
}
