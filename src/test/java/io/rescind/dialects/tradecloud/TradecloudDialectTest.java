package io.rescind.dialects.tradecloud;

import static io.rescind.dialects.tradecloud.TradecloudMessages.basic;
import static io.rescind.dialects.tradecloud.TradecloudMessages.encode;
import static io.rescind.dialects.tradecloud.TradecloudMessages.example;
import static io.rescind.dialects.tradecloud.TradecloudMessages.indicators;
import static io.rescind.dialects.tradecloud.TradecloudMessages.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures;
import io.rescind.support.Fixtures.Trade;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Tradecloud's buyer connector, supplier response and order read side, as a Tradecloud client uses them. */
class TradecloudDialectTest extends ApiTest {

    private static final String INDICATORS = "/v2/api-connector/order/indicators";
    private static final String ORDER = "/v2/api-connector/order";

    @Autowired
    private PlatformTransactionManager transactions;

    // --- authentication

    @Test
    void basicWithPartyIdAndKeyAndBearerWithKeyAreAccepted() {
        var trade = given.trade();
        var number = placed(given, trade, "0001");
        var body = indicators(number, null, Map.of());
        assertThat(send(INDICATORS, basic(trade.buyer()), body).text()).isEqualTo("{\"ok\":true}");
        assertThat(send(INDICATORS, "Bearer " + trade.buyer().key(), body).status())
                .isEqualTo(200);
    }

    @Test
    void badCredentialsAre401InPlainText() {
        var trade = given.trade();
        var body = indicators("PO-1", null, Map.of());
        var other = given.party("BUYER");
        for (var authorization : List.of(
                "Bearer rk_not_a_key",
                "Basic " + encode(other.id() + ":" + trade.buyer().key()),
                "Basic " + encode(trade.buyer().id() + ":wrong"),
                "Basic !!!notbase64",
                "")) {
            var response = authorization.isEmpty()
                    ? api.request("POST", INDICATORS).json(body).send()
                    : send(INDICATORS, authorization, body);
            assertThat(response.status()).as(authorization).isEqualTo(401);
            assertThat(response.text()).isEqualTo("The supplied authentication is invalid");
            assertThat(response.header("Content-Type")).startsWith("text/plain");
        }
    }

    @Test
    void loginHandsOutTokensForBearerAndRefreshRenewsThem() {
        var trade = given.trade();
        var number = placed(given, trade, "0001");

        var login = api.request("GET", "/v2/authentication/login")
                .header("Authorization", basic(trade.buyer()))
                .send();

        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(login.json().get("status").asString()).isEqualTo("authenticated");
        var access = login.header("Set-Authorization");
        var refresh = login.header("Set-Refresh-Token");
        assertThat(send(INDICATORS, "Bearer " + access, indicators(number, null, Map.of()))
                        .status())
                .isEqualTo(200);
        var renewed = api.request("GET", "/v2/authentication/refresh")
                .header("Refresh-Token", refresh)
                .send();
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(renewed.header("Set-Authorization")).isNotBlank();
        var refused = api.request("GET", "/v2/authentication/refresh")
                .header("Refresh-Token", "not-a-token")
                .send();
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text()).isEqualTo("The supplied authentication is invalid");
        assertThat(api.request("GET", "/v2/authentication/login")
                        .header("Authorization", "Basic " + encode(trade.buyer().id() + ":nope"))
                        .send()
                        .status())
                .isEqualTo(401);
    }

    // --- order indicators

    @Test
    void orderLevelCancelledCancelsEveryLineButLineLevelTakesPrecedence() {
        var trade = given.trade();
        var number = placed(given, trade, "0001", "0002", "0003");
        var response = send(
                INDICATORS,
                basic(trade.buyer()),
                indicators(number, Map.of("cancelled", true), Map.of("0002", Map.of("cancelled", false))));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("ok").asBoolean()).isTrue();
        assertThat(statuses(trade, number)).containsExactly("Cancelled", "Issued", "Cancelled");
    }

    @Test
    void lineLevelCancelledCancelsOnlyThoseLines() {
        var trade = given.trade();
        var number = placed(given, trade, "0001", "0002");
        send(INDICATORS, basic(trade.buyer()), indicators(number, null, Map.of("0002", Map.of("cancelled", true))));
        assertThat(statuses(trade, number)).containsExactly("Issued", "Cancelled");
    }

    @Test
    void completedTakesPrecedenceOverCancelled() {
        var trade = given.trade();
        var number = placed(given, trade, "0001", "0002");
        send(
                INDICATORS,
                basic(trade.buyer()),
                indicators(
                        number,
                        Map.of("cancelled", true),
                        Map.of("0001", Map.of("cancelled", true, "completed", true))));
        assertThat(statuses(trade, number)).containsExactly("Issued", "Cancelled");
    }

    @Test
    void issuedRejectedAndConfirmedLinesAreCancelledAtOnce() {
        var trade = given.trade();
        var number = placed(given, trade, "0001", "0002", "0003");
        var order = canonical(trade, number);
        move(trade, order, 1, "confirm");
        move(trade, order, 2, "reject");

        var response = send(INDICATORS, basic(trade.buyer()), indicators(number, Map.of("cancelled", true), Map.of()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(statuses(trade, number)).containsExactly("Cancelled", "Cancelled", "Cancelled");
        assertThat(tradecloudOrder(trade, number).at("/status/processStatus").asString())
                .isEqualTo("Cancelled");
    }

    @Test
    void aCompletedOrCancelledLineIsRefusedAloneTheCallSucceedsAndTheHistoryTells() {
        var trade = given.trade();
        var number = placed(given, trade, "0001", "0002", "0003");
        var order = canonical(trade, number);
        move(trade, order, 0, "confirm");
        move(trade, order, 0, "complete");
        send(INDICATORS, basic(trade.buyer()), indicators(number, null, Map.of("0002", Map.of("cancelled", true))));

        var response = send(INDICATORS, basic(trade.buyer()), indicators(number, Map.of("cancelled", true), Map.of()));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(statuses(trade, number)).containsExactly("Completed", "Cancelled", "Cancelled");
        var history = api.get(
                        "/api/v1/orders/" + order.get("id").asString() + "/history",
                        trade.buyer().key())
                .json();
        assertThat(history.valueStream().map(e -> e.get("type").asString()))
                .containsSubsequence(
                        "cancellation.applied", "cancellation.refused", "cancellation.refused", "cancellation.applied");
    }

    @Test
    void unknownOrderIs404AndOtherBuyersOrdersAreUnknown() {
        var trade = given.trade();
        var number = placed(given, trade, "0001");
        var stranger = given.party("BUYER");

        var unknown =
                send(INDICATORS, basic(trade.buyer()), indicators("PO-nope", Map.of("cancelled", true), Map.of()));
        var foreign = send(INDICATORS, basic(stranger), indicators(number, Map.of("cancelled", true), Map.of()));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("ok").asBoolean()).isFalse();
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(statuses(trade, number)).containsExactly("Issued");
    }

    @Test
    void badMessagesAre400AndChangeNothing() {
        var trade = given.trade();
        var number = placed(given, trade, "0001", "0002");
        var auth = basic(trade.buyer());
        var unknownLine =
                indicators(number, null, Map.of("0001", Map.of("cancelled", true), "0099", Map.of("cancelled", true)));
        var twice = Map.of(
                "order",
                Map.of("purchaseOrderNumber", number),
                "lines",
                List.of(
                        Map.of("position", "0001", "indicators", Map.of("cancelled", true)),
                        Map.of("position", "0001", "indicators", Map.of("cancelled", true))));
        for (var body : List.<Object>of(
                unknownLine,
                twice,
                Map.of("lines", List.of()),
                Map.of("order", Map.of("purchaseOrderNumber", "PO with spaces")),
                Map.of("order", Map.of("purchaseOrderNumber", number, "indicators", Map.of("cancelled", "maybe"))),
                "{\"order\": ",
                "[]")) {
            var response = send(INDICATORS, auth, body);
            assertThat(response.status()).as(body.toString()).isEqualTo(400);
            assertThat(response.json().get("ok").asBoolean()).isFalse();
            assertThat(response.json().get("message").asString()).isNotBlank();
        }
        var plain = api.request("POST", INDICATORS)
                .header("Authorization", auth)
                .raw("text/plain", "cancel it")
                .send();
        assertThat(plain.status()).isEqualTo(415);
        assertThat(statuses(trade, number)).containsExactly("Issued", "Issued");
    }

    @Test
    void sellersMayNotSendBuyerMessages() {
        var trade = given.trade();
        var number = placed(given, trade, "0001");
        var response = send(INDICATORS, basic(trade.seller()), indicators(number, Map.of("cancelled", true), Map.of()));
        assertThat(response.status()).isEqualTo(403);
        assertThat(statuses(trade, number)).containsExactly("Issued");
    }

    @Test
    void theSdkIndicatorsPayloadAsItIs() throws Exception {
        var payload = example("sdk-order-indicators.json");
        var trade = given.trade();
        given.anOrder(trade)
                .numbered("PO0123456789")
                .withLine(2, "10.00", Map.of("position", "0001"))
                .place();

        var response = send(INDICATORS, basic(trade.buyer()), payload);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("{\"ok\":true}");
        // Every flag of the SDK example is false: nothing changes.
        assertThat(statuses(trade, "PO0123456789")).containsExactly("Issued");
    }

    @Test
    void theSdkLineIndicatorsCancelledPayloadAsItIs() throws Exception {
        var payload = example("sdk-order-line-indicators-cancelled.json");
        var trade = given.trade();
        var order = given.anOrder(trade).numbered("{purchaseOrderNumber}");
        for (int i = 1; i <= 11; i++) {
            order.withLine(1, "5.00", Map.of("position", "%05d".formatted(i * 10)));
        }
        order.place();

        var response = send(INDICATORS, basic(trade.buyer()), payload);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var statuses = statuses(trade, "{purchaseOrderNumber}");
        assertThat(statuses.subList(0, 10)).containsOnly("Cancelled");
        assertThat(statuses.get(10)).isEqualTo("Issued");
    }

    // --- queued processing

    @Test
    void anOrderLockedByALongChangeIsQueuedWith202AndCancelledOnceFree() {
        var trade = given.trade();
        var number = placed(given, trade, "0001", "0002", "0003");
        var orderId =
                java.util.UUID.fromString(canonical(trade, number).get("id").asString());
        var body = indicators(number, Map.of("cancelled", true), Map.of("0003", Map.of("cancelled", false)));

        // The test holds the order's lock, as a long change of Rescind's own would, while the
        // message arrives.
        var response = new TransactionTemplate(transactions).execute(tx -> {
            jdbc.sql("select order_id from purchase_orders where order_id = :id for no key update")
                    .param("id", orderId)
                    .query(java.util.UUID.class)
                    .single();
            var answer = send(INDICATORS, basic(trade.buyer()), body);
            assertThat(statuses(trade, number)).containsExactly("Issued", "Issued", "Issued");
            return answer;
        });

        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        assertThat(response.json().get("ok").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(statuses(trade, number)).containsExactly("Cancelled", "Cancelled", "Issued"));
        var history = api.get(
                        "/api/v1/orders/" + orderId + "/history", trade.buyer().key())
                .json();
        assertThat(history.valueStream().filter(e -> e.get("type").asString().equals("cancellation.applied")))
                .hasSize(2);
    }

    // --- send order

    @Test
    void aNewPurchaseOrderNumberIssuesTheOrder() {
        var trade = given.trade();
        var number = Fixtures.uniqueNumber();

        var response = send(ORDER, basic(trade.buyer()), orderMessage(trade, number, null, "00010", "00020"));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("{\"ok\":true}");
        var order = tradecloudOrder(trade, number);
        assertThat(order.at("/status/processStatus").asString()).isEqualTo("Issued");
        assertThat(order.get("lines")
                        .valueStream()
                        .map(l -> l.at("/buyerLine/position").asString()))
                .containsExactly("00010", "00020");
        assertThat(order.at("/lines/0/buyerLine/deliverySchedule/0/quantity").asLong())
                .isEqualTo(5);
        assertThat(order.at("/lines/0/buyerLine/item/number").asString()).isEqualTo("ITEM-00010");
    }

    @Test
    void onAResendOrderLevelCancelledCancelsOnlyTheLinesInTheMessage() {
        var trade = given.trade();
        var number = Fixtures.uniqueNumber();
        send(ORDER, basic(trade.buyer()), orderMessage(trade, number, null, "00010", "00020", "00030"));

        var response = send(
                ORDER, basic(trade.buyer()), orderMessage(trade, number, Map.of("cancelled", true), "00010", "00030"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(statuses(trade, number)).containsExactly("Cancelled", "Issued", "Cancelled");
    }

    @Test
    void onAResendLineLevelTakesPrecedenceAndCompletedBeatsCancelled() {
        var trade = given.trade();
        var number = Fixtures.uniqueNumber();
        send(ORDER, basic(trade.buyer()), orderMessage(trade, number, null, "00010", "00020", "00030"));
        var message = orderMessage(trade, number, Map.of("cancelled", true), "00010", "00020", "00030");
        lineIndicators(message, 0, Map.of("cancelled", false));
        lineIndicators(message, 1, Map.of("completed", true));

        send(ORDER, basic(trade.buyer()), message);

        assertThat(statuses(trade, number)).containsExactly("Issued", "Issued", "Cancelled");
    }

    @Test
    void cancelLineWhenMissingCancelsTheLinesLeftOut() {
        var trade = given.trade();
        var number = Fixtures.uniqueNumber();
        send(ORDER, basic(trade.buyer()), orderMessage(trade, number, null, "00010", "00020", "00030"));

        send(ORDER, basic(trade.buyer()), orderMessage(trade, number, Map.of("cancelLineWhenMissing", true), "00020"));

        assertThat(statuses(trade, number)).containsExactly("Cancelled", "Issued", "Cancelled");
    }

    @Test
    void cancelLineWhenMissingWithoutLinesCancelsTheWholeOrder() {
        var trade = given.trade();
        var number = Fixtures.uniqueNumber();
        send(ORDER, basic(trade.buyer()), orderMessage(trade, number, null, "00010", "00020"));

        var response =
                send(ORDER, basic(trade.buyer()), orderMessage(trade, number, Map.of("cancelLineWhenMissing", true)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(statuses(trade, number)).containsExactly("Cancelled", "Cancelled");
        assertThat(tradecloudOrder(trade, number).at("/status/processStatus").asString())
                .isEqualTo("Cancelled");
    }

    @Test
    void withoutCancelLineWhenMissingTheLinesLeftOutStay() {
        var trade = given.trade();
        var number = Fixtures.uniqueNumber();
        send(ORDER, basic(trade.buyer()), orderMessage(trade, number, null, "00010", "00020"));

        send(ORDER, basic(trade.buyer()), orderMessage(trade, number, Map.of("cancelLineWhenMissing", false)));
        send(ORDER, basic(trade.buyer()), orderMessage(trade, number, Map.of("cancelled", true)));

        assertThat(statuses(trade, number)).containsExactly("Issued", "Issued");
    }

    @Test
    void issuingRefusesWhatRescindCannotHold() {
        var trade = given.trade();
        var auth = basic(trade.buyer());
        var fractional = orderMessage(trade, Fixtures.uniqueNumber(), null, "00010");
        schedule(fractional, 0, "1.5");
        var tooPrecise = orderMessage(trade, Fixtures.uniqueNumber(), null, "00010");
        price(tooPrecise, 0, "1.001", "EUR");
        var mixed = orderMessage(trade, Fixtures.uniqueNumber(), null, "00010", "00020");
        price(mixed, 1, "1.00", "USD");
        var empty = orderMessage(trade, Fixtures.uniqueNumber(), null);
        for (var body : List.of(fractional, tooPrecise, mixed, empty)) {
            var response = send(ORDER, auth, body);
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.json().get("ok").asBoolean()).isFalse();
        }
        var unknownSupplier = orderMessage(trade, Fixtures.uniqueNumber(), null, "00010");
        header(unknownSupplier)
                .put("supplierAccountNumber", given.party("BUYER").id().toString());
        assertThat(send(ORDER, auth, unknownSupplier).status()).isEqualTo(404);
    }

    @Test
    void theSdkOrderPayloadsAsTheyAre() throws Exception {
        var full = example("sdk-order.json");
        var minimal = example("sdk-minimal-order.json");
        var trade = given.trade();
        // The SDK's supplier account number "540830" is no party of ours: Tradecloud's 404 for an
        // unknown supplier account number, after the whole shape was read.
        for (var payload : List.of(full, minimal)) {
            var response = send(ORDER, basic(trade.buyer()), payload);
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.json().get("message").asString()).isEqualTo("Supplier account number not found");
        }
    }

    // --- supplier response and read side

    @Test
    void theSupplierAcceptsAndRejectsLinesAndTheOrderShowsIt() {
        var trade = given.trade();
        var number = Fixtures.uniqueNumber();
        send(ORDER, basic(trade.buyer()), orderMessage(trade, number, null, "00010", "00020", "00030"));
        send(INDICATORS, basic(trade.buyer()), indicators(number, null, Map.of("00030", Map.of("cancelled", true))));

        var response = send(
                "/v2/api-connector/order-response",
                basic(trade.seller()),
                Map.of(
                        "order",
                        Map.of(
                                "buyerAccountNumber",
                                trade.buyer().id().toString(),
                                "purchaseOrderNumber",
                                number,
                                "indicators",
                                Map.of("accepted", true)),
                        "lines",
                        List.of(Map.of("purchaseOrderLinePosition", "00020", "indicators", Map.of("rejected", true)))));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(statuses(trade, number)).containsExactly("Confirmed", "Rejected", "Cancelled");
        assertThat(tradecloudOrder(trade, number).at("/status/processStatus").asString())
                .isEqualTo("InProgress");
    }

    @Test
    void theSdkOrderResponsePayloadAsItIs() throws Exception {
        var payload = example("sdk-order-response.json");
        var trade = given.trade();
        var response = send("/v2/api-connector/order-response", basic(trade.seller()), payload);
        // The SDK's buyer account number "340760" is no party of ours.
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.json().get("ok").asBoolean()).isFalse();
    }

    @Test
    void theOrderReadSideIsForItsPartiesOnly() {
        var trade = given.trade();
        var number = placed(given, trade, "0001");
        var id = canonical(trade, number).get("id").asString();

        assertThat(api.request("GET", "/v2/order/" + id)
                        .header("Authorization", basic(trade.seller()))
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(api.request("GET", "/v2/order/" + id)
                        .header("Authorization", basic(given.party("BUYER")))
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.request("GET", "/v2/order/not-an-id")
                        .header("Authorization", basic(trade.buyer()))
                        .send()
                        .status())
                .isEqualTo(404);
    }

    // --- revert

    @Test
    void revertCancelledReturnsLinesToTheStatusTheyHadAndAStaleVersionIsAConflict() {
        var trade = given.trade();
        var number = placed(given, trade, "0001", "0002");
        var order = canonical(trade, number);
        move(trade, order, 0, "confirm");
        send(INDICATORS, basic(trade.buyer()), indicators(number, Map.of("cancelled", true), Map.of()));
        var cancelled = tradecloudOrder(trade, number);
        var id = cancelled.get("id").asString();
        var version = cancelled.get("version").asLong();
        var revert = "/v2/order/" + id + "/revertCancelled";

        var response = send(
                revert,
                basic(trade.buyer()),
                Map.of("linePositions", List.of("0001"), "reason", "cancelled by mistake", "version", version));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json()
                        .get("lines")
                        .valueStream()
                        .map(l -> l.at("/status/processStatus").asString()))
                .containsExactly("Confirmed", "Cancelled");
        var line = canonical(trade, number).at("/lines/0");
        assertThat(line.get("cancelledQuantity").asLong()).isZero();
        assertThat(line.get("openQuantity").asLong()).isEqualTo(3);
        var history = api.get("/api/v1/orders/" + id + "/history", trade.buyer().key())
                .json();
        assertThat(history.valueStream().map(e -> e.get("type").asString())).endsWith("cancellation.reverted");

        var stale = send(revert, basic(trade.buyer()), Map.of("linePositions", List.of("0002"), "version", version));
        assertThat(stale.status()).isEqualTo(409);
        var fresh = response.json().get("version").asLong();
        var notCancelled =
                send(revert, basic(trade.buyer()), Map.of("linePositions", List.of("0001"), "version", fresh));
        assertThat(notCancelled.status()).isEqualTo(409);
        assertThat(send(revert, basic(trade.seller()), Map.of("linePositions", List.of("0002"), "version", fresh))
                        .status())
                .isEqualTo(403);
        assertThat(send(revert, basic(trade.buyer()), Map.of("linePositions", List.of(), "version", fresh))
                        .status())
                .isEqualTo(400);
        assertThat(statuses(trade, number)).containsExactly("Confirmed", "Cancelled");
    }

    @Test
    void theSdkRevertCancelledPayloadAsItIs() throws Exception {
        var payload = example("sdk-order-revertCancelled.json");
        var trade = given.trade();
        var number = placed(given, trade, "<position>");
        // Placed at version 0; the cancel makes it version 1, the SDK example's version.
        send(INDICATORS, basic(trade.buyer()), indicators(number, Map.of("cancelled", true), Map.of()));
        var id = canonical(trade, number).get("id").asString();

        var response = send("/v2/order/" + id + "/revertCancelled", basic(trade.buyer()), payload);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(statuses(trade, number)).containsExactly("Issued");
    }

    // --- helpers

    private Api.Response send(String path, String authorization, Object body) {
        return api.request("POST", path)
                .header("Authorization", authorization)
                .json(body)
                .send();
    }

    private static Map<String, Object> orderMessage(
            Trade trade, String number, Map<String, Object> orderIndicators, String... positions) {
        var order = new LinkedHashMap<String, Object>();
        order.put("supplierAccountNumber", trade.seller().id().toString());
        order.put("purchaseOrderNumber", number);
        if (orderIndicators != null) {
            order.put("indicators", orderIndicators);
        }
        var lines = new ArrayList<Map<String, Object>>();
        for (var position : positions) {
            var line = new LinkedHashMap<String, Object>();
            line.put("position", position);
            line.put("item", Map.of("number", "ITEM-" + position, "name", "Tube " + position));
            line.put(
                    "deliverySchedule",
                    List.of(
                            Map.of("position", "0001", "date", "2026-12-01", "quantity", 2),
                            Map.of("position", "0002", "date", "2026-12-15", "quantity", 3)));
            line.put(
                    "prices",
                    new LinkedHashMap<>(Map.of(
                            "netPrice",
                            Map.of("priceInTransactionCurrency", Map.of("value", 78.90, "currencyIso", "EUR")),
                            "priceUnitQuantity",
                            1)));
            lines.add(line);
        }
        var message = new LinkedHashMap<String, Object>();
        message.put("order", order);
        message.put("lines", lines);
        return message;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> header(Map<String, Object> message) {
        return (Map<String, Object>) message.get("order");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> line(Map<String, Object> message, int index) {
        return ((List<Map<String, Object>>) message.get("lines")).get(index);
    }

    private static void lineIndicators(Map<String, Object> message, int index, Map<String, Object> flags) {
        line(message, index).put("indicators", flags);
    }

    private static void schedule(Map<String, Object> message, int index, String quantity) {
        line(message, index)
                .put(
                        "deliverySchedule",
                        List.of(Map.of("date", "2026-12-01", "quantity", new java.math.BigDecimal(quantity))));
    }

    private static void price(Map<String, Object> message, int index, String value, String currency) {
        line(message, index)
                .put(
                        "prices",
                        Map.of(
                                "netPrice",
                                Map.of(
                                        "priceInTransactionCurrency",
                                        Map.of("value", new java.math.BigDecimal(value), "currencyIso", currency))));
    }

    /** The order as the canonical API shows it to the buyer. */
    private JsonNode canonical(Trade trade, String number) {
        var page = api.get("/api/v1/orders?limit=100", trade.buyer().key()).json();
        return page.get("items")
                .valueStream()
                .filter(o -> o.get("orderNumber").asString().equals(number))
                .findFirst()
                .orElseThrow();
    }

    private JsonNode tradecloudOrder(Trade trade, String number) {
        var id = canonical(trade, number).get("id").asString();
        var response = api.request("GET", "/v2/order/" + id)
                .header("Authorization", basic(trade.buyer()))
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** Each line's Tradecloud process status, in line order. */
    private List<String> statuses(Trade trade, String number) {
        return tradecloudOrder(trade, number)
                .get("lines")
                .valueStream()
                .map(l -> l.at("/status/processStatus").asString())
                .toList();
    }

    private void move(Trade trade, JsonNode order, int line, String move) {
        var response = api.post(
                "/api/v1/orders/%s/lines/%s/%s"
                        .formatted(
                                order.get("id").asString(),
                                order.at("/lines/" + line + "/id").asString(),
                                move),
                trade.seller().key(),
                Map.of());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }
}
