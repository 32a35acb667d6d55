package io.rescind.cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures.Trade;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CancellationApiTest extends ApiTest {

    private static Map<String, Object> cancel(String lineId, long quantity) {
        return Map.of("reason", "CUSTOMER_REQUEST", "lines", List.of(Map.of("lineId", lineId, "quantity", quantity)));
    }

    private String cancellations(JsonNode order) {
        return "/api/v1/orders/" + order.get("id").asString() + "/cancellations";
    }

    private JsonNode reload(JsonNode order, String key) {
        return api.get("/api/v1/orders/" + order.get("id").asString(), key).json();
    }

    @Test
    void aBuyerCancelsPartOfALineWithProratedMoney() {
        var trade = given.trade();
        var order = given.anOrder(trade)
                .withLine(
                        3, "10.00", Map.of("taxes", List.of(Map.of("code", "VAT", "amount", 6.30)), "shippingPrice", 5))
                .place();
        var line = order.at("/lines/0/id").asString();

        var response = api.request("POST", cancellations(order))
                .key(trade.buyer().key())
                .json(Map.of(
                        "reason",
                        "CUSTOMER_REQUEST",
                        "note",
                        "changed mind",
                        "lines",
                        List.of(Map.of("lineId", line, "quantity", 1))))
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        var cancellation = response.json();
        assertThat(response.header("Location")).endsWith(cancellation.get("id").asString());
        assertThat(cancellation.get("status").asString()).isEqualTo("APPLIED");
        assertThat(cancellation.at("/lines/0/quantity").asLong()).isEqualTo(1);
        assertThat(cancellation.at("/lines/0/amounts/price").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(cancellation.at("/lines/0/amounts/taxes/0/amount").decimalValue())
                .isEqualByComparingTo("2.10");
        assertThat(cancellation.at("/lines/0/amounts/shippingPrice").decimalValue())
                .isEqualByComparingTo("1.67");

        var after = reload(order, trade.seller().key()).at("/lines/0");
        assertThat(after.get("cancelledQuantity").asLong()).isEqualTo(1);
        assertThat(after.get("openQuantity").asLong()).isEqualTo(2);
        assertThat(after.get("status").asString()).isEqualTo("ISSUED");

        var stored = api.get(
                cancellations(order) + "/" + cancellation.get("id").asString(),
                trade.seller().key());
        assertThat(stored.json().get("note").asString()).isEqualTo("changed mind");
        assertThat(api.get(cancellations(order), trade.buyer().key()).json()).hasSize(1);

        var history = api.get(
                        "/api/v1/orders/" + order.get("id").asString() + "/history",
                        trade.buyer().key())
                .json();
        assertThat(history.get(1).get("type").asString()).isEqualTo("cancellation.applied");
        // One vocabulary with the webhooks, and amounts at the currency's scale (10.00, never 10.0).
        var historyText = api.get(
                        "/api/v1/orders/" + order.get("id").asString() + "/history",
                        trade.buyer().key())
                .text();
        assertThat(historyText).containsPattern("\\d\\.\\d\\d[,}\\]]").doesNotContainPattern(":-?\\d+\\.\\d[,}\\]]");
        assertThat(outboxTypes(order)).containsExactly("order.created", "order.lines_cancelled");
    }

    @Test
    void cancellingEverythingMakesTheLineCancelledAndTakesExactlyTheTotals() {
        var trade = given.trade();
        var order = given.anOrder(trade)
                .withLine(3, "3.33", Map.of("taxes", List.of(Map.of("code", "VAT", "amount", 1.00))))
                .place();
        var line = order.at("/lines/0/id").asString();
        for (int i = 0; i < 3; i++) {
            assertThat(api.post(cancellations(order), trade.seller().key(), cancel(line, 1))
                            .status())
                    .isEqualTo(201);
        }
        var after = reload(order, trade.buyer().key()).at("/lines/0");
        assertThat(after.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(after.get("cancelled")).isEqualTo(after.get("totals"));

        var again = api.post(cancellations(order), trade.buyer().key(), cancel(line, 1));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asString()).isEqualTo("/problems/line-already-cancelled");
    }

    @Test
    void theWholeOrderIsCancelledLeavingShippedAndCompletedUnitsAlone() {
        var trade = given.trade();
        var order = given.anOrder(trade)
                .withLine(4, "1")
                .withLine(2, "1")
                .withLine(1, "1")
                .place();
        var id = order.get("id").asString();
        var lines = "/api/v1/orders/" + id + "/lines/";
        var seller = trade.seller().key();
        api.post(lines + order.at("/lines/0/id").asString() + "/confirm", seller, Map.of());
        api.post(lines + order.at("/lines/0/id").asString() + "/ship", seller, Map.of("quantity", 3));
        api.post(lines + order.at("/lines/2/id").asString() + "/confirm", seller, Map.of());
        api.post(lines + order.at("/lines/2/id").asString() + "/complete", seller, Map.of());

        var response =
                api.post("/api/v1/orders/" + id + "/cancel", trade.buyer().key(), Map.of("reason", "BUYER_CANCELLED"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().get("lines")).hasSize(2);

        var after = reload(order, trade.buyer().key()).get("lines");
        assertThat(after.get(0).get("status").asString()).isEqualTo("SHIPPED");
        assertThat(after.get(0).get("cancelledQuantity").asLong()).isEqualTo(1);
        assertThat(after.get(1).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(after.get(2).get("status").asString()).isEqualTo("COMPLETED");

        var nothingLeft =
                api.post("/api/v1/orders/" + id + "/cancel", trade.buyer().key(), Map.of("reason", "OTHER"));
        assertThat(nothingLeft.status()).isEqualTo(409);
        assertThat(nothingLeft.json().get("type").asString()).isEqualTo("/problems/nothing-to-cancel");
    }

    @Test
    void oneRefusedLineRefusesTheWholeCommandAndReportsEveryRefusal() {
        var trade = given.trade();
        var order = given.anOrder(trade)
                .withLine(2, "1")
                .withLine(2, "1")
                .withLine(2, "1")
                .place();
        var id = order.get("id").asString();
        api.post(
                "/api/v1/orders/" + id + "/lines/" + order.at("/lines/2/id").asString() + "/confirm",
                trade.seller().key(),
                Map.of());
        api.post(
                "/api/v1/orders/" + id + "/lines/" + order.at("/lines/2/id").asString() + "/complete",
                trade.seller().key(),
                Map.of());

        var response = api.post(
                cancellations(order),
                trade.buyer().key(),
                Map.of(
                        "reason",
                        "OUT_OF_STOCK",
                        "lines",
                        List.of(
                                Map.of("lineNumber", 1, "quantity", 1),
                                Map.of("position", "0002", "quantity", 3),
                                Map.of("lineNumber", 3))));
        assertThat(response.status()).isEqualTo(409);
        var problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("/problems/cancellation-refused");
        assertThat(problem.get("refusals")
                        .valueStream()
                        .map(r -> r.get("reason").asString()))
                .containsExactly("QUANTITY_EXCEEDS_OPEN", "LINE_COMPLETED");

        var after = reload(order, trade.buyer().key()).get("lines");
        assertThat(after.valueStream()
                        .mapToLong(l -> l.get("cancelledQuantity").asLong())
                        .sum())
                .isZero();
        var refused = api.get(
                cancellations(order) + "/" + problem.get("cancellationId").asString(),
                trade.buyer().key());
        assertThat(refused.json().get("status").asString()).isEqualTo("REFUSED");
        assertThat(outboxTypes(order)).endsWith("order.cancellation_refused");
    }

    @Test
    void statedAmountsAreUsedWhenTheyFitAndRefusedWhenTheyDoNot() {
        var trade = given.trade();
        var order = given.anOrder(trade)
                .withLine(
                        2, "10.00", Map.of("taxes", List.of(Map.of("code", "VAT", "amount", 4.00)), "shippingPrice", 6))
                .place();
        var line = order.at("/lines/0/id").asString();
        var stated = Map.of(
                "reason",
                "AGREEMENT",
                "lines",
                List.of(Map.of(
                        "lineId",
                        line,
                        "quantity",
                        1,
                        "amounts",
                        Map.of(
                                "currency",
                                "EUR",
                                "price",
                                9.00,
                                "shippingPrice",
                                6.00,
                                "taxes",
                                List.of(Map.of("code", "VAT", "amount", 1.80))))));
        var applied = api.post(cancellations(order), trade.seller().key(), stated);
        assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
        assertThat(applied.json().at("/lines/0/amounts/shippingPrice").decimalValue())
                .isEqualByComparingTo("6.00");

        var tooMuch = api.post(
                cancellations(order),
                trade.seller().key(),
                Map.of(
                        "reason",
                        "AGREEMENT",
                        "lines",
                        List.of(Map.of("lineId", line, "amounts", Map.of("shippingPrice", 0.01)))));
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.json().get("type").asString()).isEqualTo("/problems/amount-exceeds-remaining");

        var wrongCurrency = api.post(
                cancellations(order),
                trade.seller().key(),
                Map.of(
                        "reason",
                        "AGREEMENT",
                        "lines",
                        List.of(Map.of("lineId", line, "amounts", Map.of("currency", "USD", "price", 1)))));
        assertThat(wrongCurrency.status()).isEqualTo(422);
        assertThat(wrongCurrency.json().get("type").asString()).isEqualTo("/problems/currency-mismatch");

        var unknownTax = api.post(
                cancellations(order),
                trade.seller().key(),
                Map.of(
                        "reason",
                        "AGREEMENT",
                        "lines",
                        List.of(Map.of(
                                "lineId",
                                line,
                                "amounts",
                                Map.of("taxes", List.of(Map.of("code", "GST", "amount", 1)))))));
        assertThat(unknownTax.json().get("type").asString()).isEqualTo("/problems/unknown-tax-code");

        var after = reload(order, trade.buyer().key()).at("/lines/0");
        assertThat(after.get("cancelledQuantity").asLong()).isEqualTo(1);
        assertThat(after.at("/cancelled/price").decimalValue()).isEqualByComparingTo("9.00");
    }

    @Test
    void badCancelRequestsAreClear4xxAndWriteNothing() {
        var trade = given.trade();
        var order = given.anOrder(trade).withLine(2, "1").place();
        var line = order.at("/lines/0/id").asString();
        var key = trade.buyer().key();
        var path = cancellations(order);

        var malformed = api.request("POST", path)
                .key(key)
                .raw("application/json", "{\"reason\":")
                .send();
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("type").asString()).isEqualTo("/problems/malformed-request");

        var unknownReason = api.post(path, key, Map.of("reason", "BORED", "lines", List.of(Map.of("lineId", line))));
        assertThat(unknownReason.status()).isEqualTo(400);
        assertThat(unknownReason.json().get("detail").asString()).contains("BORED");

        for (var quantity : List.of(0, -3)) {
            var response = api.post(path, key, cancel(line, quantity));
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().at("/errors/0/field").asString()).isEqualTo("lines[0].quantity");
        }

        var twoRefs = api.post(
                path, key, Map.of("reason", "OTHER", "lines", List.of(Map.of("lineId", line, "lineNumber", 1))));
        assertThat(twoRefs.status()).isEqualTo(400);

        var unknownLine = api.post(path, key, cancel(UUID.randomUUID().toString(), 1));
        assertThat(unknownLine.status()).isEqualTo(422);
        assertThat(unknownLine.json().get("type").asString()).isEqualTo("/problems/unknown-line");

        var duplicate = api.post(
                path,
                key,
                Map.of("reason", "OTHER", "lines", List.of(Map.of("lineId", line), Map.of("lineNumber", 1))));
        assertThat(duplicate.json().get("type").asString()).isEqualTo("/problems/duplicate-line");

        var notJson = api.request("POST", path)
                .key(key)
                .raw("text/plain", "cancel please")
                .send();
        assertThat(notJson.status()).as(notJson.toString() + notJson.headers()).isEqualTo(415);
        assertThat(notJson.json().path("type").asString())
                .as(notJson.toString())
                .isEqualTo("/problems/unsupported-media-type");

        var huge = "{\"reason\":\"OTHER\",\"note\":\"" + "x".repeat(70_000) + "\",\"lines\":[]}";
        var oversized =
                api.request("POST", path).key(key).raw("application/json", huge).send();
        assertThat(oversized.status()).isEqualTo(413);
        assertThat(oversized.json().get("type").asString()).isEqualTo("/problems/body-too-large");

        var badId = api.post("/api/v1/orders/not-a-uuid/cancellations", key, cancel(line, 1));
        assertThat(badId.status()).isEqualTo(400);

        var stranger = given.party("SELLER");
        assertThat(api.post(path, stranger.key(), cancel(line, 1)).status()).isEqualTo(404);
        assertThat(api.post(path, null, cancel(line, 1)).status()).isEqualTo(401);

        var cancelled = reload(order, key).at("/lines/0/cancelledQuantity").asLong();
        assertThat(cancelled).isZero();
        var rows = jdbc.sql("select count(*) from cancellations where order_id = :id")
                .param("id", UUID.fromString(order.get("id").asString()))
                .query(Long.class)
                .single();
        assertThat(rows).isZero();
    }

    @Test
    void aSellerPolicyCanKeepBuyersFromCancellingConfirmedLines() {
        Trade trade = given.trade();
        var policyPath = "/api/v1/sellers/" + trade.seller().id() + "/cancellation-policy";
        var policy = Map.of("buyerMayCancel", List.of("ISSUED"), "sellerMayCancel", List.of("ISSUED", "CONFIRMED"));
        assertThat(api.put(policyPath, trade.seller().key(), policy).status()).isEqualTo(200);
        assertThat(api.put(policyPath, trade.buyer().key(), policy).status()).isEqualTo(403);
        var finalStates = Map.of("buyerMayCancel", List.of("COMPLETED"), "sellerMayCancel", List.of());
        assertThat(api.put(policyPath, OPERATOR_KEY, finalStates).status()).isEqualTo(422);

        var order = given.anOrder(trade).withLine(2, "1").place();
        var line = order.at("/lines/0/id").asString();
        api.post(
                "/api/v1/orders/" + order.get("id").asString() + "/lines/" + line + "/confirm",
                trade.seller().key(),
                Map.of());

        var buyer = api.post(cancellations(order), trade.buyer().key(), cancel(line, 1));
        assertThat(buyer.status()).isEqualTo(409);
        assertThat(buyer.json().get("type").asString()).isEqualTo("/problems/not-allowed-for-role");
        assertThat(api.post(cancellations(order), trade.seller().key(), cancel(line, 1))
                        .status())
                .isEqualTo(201);
        assertThat(api.get(policyPath, trade.seller().key()).json().get("buyerMayCancel"))
                .hasSize(1);
    }

    @Test
    void aReplayedIdempotencyKeyReturnsTheFirstOutcomeAndAReusedOneIsRefused() {
        var trade = given.trade();
        var order = given.anOrder(trade).withLine(5, "1").place();
        var line = order.at("/lines/0/id").asString();
        var first = api.request("POST", cancellations(order))
                .key(trade.buyer().key())
                .header("Idempotency-Key", "k-1")
                .json(cancel(line, 2))
                .send();
        var replay = api.request("POST", cancellations(order))
                .key(trade.buyer().key())
                .header("Idempotency-Key", "k-1")
                .json(cancel(line, 2))
                .send();
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(reload(order, trade.buyer().key())
                        .at("/lines/0/cancelledQuantity")
                        .asLong())
                .isEqualTo(2);

        var reused = api.request("POST", cancellations(order))
                .key(trade.buyer().key())
                .header("Idempotency-Key", "k-1")
                .json(cancel(line, 3))
                .send();
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().get("type").asString()).isEqualTo("/problems/idempotency-key-reused");
    }

    private List<String> outboxTypes(JsonNode order) {
        return jdbc.sql("select type from outbox where order_id = :id order by position")
                .param("id", UUID.fromString(order.get("id").asString()))
                .query(String.class)
                .list();
    }
}
