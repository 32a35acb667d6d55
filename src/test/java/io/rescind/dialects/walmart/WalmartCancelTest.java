package io.rescind.dialects.walmart;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /v3/ca/orders/{purchaseOrderId}/cancel} as Walmart sellers' integrations call it. */
class WalmartCancelTest extends ApiTest {

    static final String ORDERS_NS = "http://walmart.com/mp/v3/orders";

    Fixtures.Trade trade;
    WalmartClient walmart;
    JsonNode order;
    long number;

    @BeforeEach
    void anOrderForASellerWithAWalmartConsumer() {
        trade = given.trade();
        walmart = new WalmartClient(api, port, trade.seller());
        order = given.anOrder(trade)
                .inCurrency("CAD")
                .withLine(3, "19.99", Map.of("taxes", List.of(Map.of("code", "GST", "amount", 3.00))))
                .withLine(1, "5.00", Map.of("shippingPrice", 2.00))
                .place();
        number = order.get("number").asLong();
    }

    /** One of the SDK's payload samples, as published. */
    static String resource(String name) {
        return VendorFiles.read("payload-samples/" + name);
    }

    static String xmlCancel(String... lines) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <orderCancellation xmlns="http://walmart.com/mp/v3/orders"><orderLines>%s</orderLines></orderCancellation>
                """.formatted(String.join("", lines));
    }

    static String xmlLine(int lineNumber, String... statuses) {
        return "<orderLine><lineNumber>%d</lineNumber><orderLineStatuses>%s</orderLineStatuses></orderLine>"
                .formatted(lineNumber, String.join("", statuses));
    }

    static String xmlStatus(String status, String reason, String amount) {
        return ("<orderLineStatus><status>%s</status><cancellationReason>%s</cancellationReason>"
                        + "<statusQuantity><unitOfMeasurement>EACH</unitOfMeasurement><amount>%s</amount>"
                        + "</statusQuantity></orderLineStatus>")
                .formatted(status, reason, amount);
    }

    Api.Response cancelXml(String body) {
        return walmart.signed("POST", "/v3/ca/orders/" + number + "/cancel")
                .raw("application/xml", body)
                .send();
    }

    /** The line's statuses in the XML answer, as status → units (reasons appended for Cancelled). */
    static Map<String, String> statuses(Xml.Parsed parsed, int lineIndex) {
        var result = new java.util.LinkedHashMap<String, String>();
        for (var entry : Xml.all(
                parsed.content(), "orderLines/orderLine[%d]/orderLineStatuses/orderLineStatus".formatted(lineIndex))) {
            var reason = Xml.at(entry, "cancellationReason");
            result.put(
                    Xml.at(entry, "status") + (reason == null ? "" : "/" + reason),
                    String.valueOf(Xml.at(entry, "statusQuantity/amount")));
        }
        return result;
    }

    @Test
    void theSdkSampleCancelsOneUnitAndAnswersTheWholeOrderInXml() {
        var response = cancelXml(resource("v3-cancelOrder.request.xml"));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/xml");
        var parsed = Xml.parse(response.text());
        assertThat(parsed.namespace()).isEqualTo(ORDERS_NS);
        assertThat(parsed.root()).isEqualTo("order");
        assertThat(Xml.at(parsed.content(), "purchaseOrderId")).isEqualTo(String.valueOf(number));
        assertThat(Xml.all(parsed.content(), "orderLines/orderLine")).hasSize(2);
        assertThat(statuses(parsed, 0))
                .containsExactly(Map.entry("Created", "2"), Map.entry("Cancelled/CANCEL_BY_SELLER", "1"));
        assertThat(statuses(parsed, 1)).containsExactly(Map.entry("Created", "1"));
        assertThat(Xml.at(parsed.content(), "orderLines/orderLine[0]/charges/charge/chargeAmount/amount"))
                .isEqualTo("59.97");
        assertThat(OrderSchema.violations(parsed.content())).isEmpty();

        var canonical = api.get(
                        "/api/v1/orders/" + order.get("id").asString(),
                        trade.buyer().key())
                .json();
        assertThat(canonical.at("/lines/0/cancelledQuantity").asLong()).isEqualTo(1);
        var cancellations = api.get(
                        "/api/v1/orders/" + order.get("id").asString() + "/cancellations",
                        trade.buyer().key())
                .json();
        assertThat(cancellations.at("/0/reason").asString()).isEqualTo("SELLER_CANCELLED");
    }

    @Test
    void cancelledUnitsAddUpPerReasonOverSeparateCancelsAndARefusedCancelCountsNothing() {
        var backorder = "SUPPLIER_CANCEL_BACKORDER";
        var customer = "CUSTOMER_REQUESTED_SELLER_TO_CANCEL";
        assertThat(cancelXml(xmlCancel(xmlLine(1, xmlStatus("Cancelled", backorder, "1"))))
                        .status())
                .isEqualTo(200);
        assertThat(cancelXml(xmlCancel(xmlLine(1, xmlStatus("Cancelled", customer, "1"))))
                        .status())
                .isEqualTo(200);
        assertThat(cancelXml(xmlCancel(xmlLine(1, xmlStatus("Cancelled", backorder, "1"))))
                        .status())
                .isEqualTo(200);

        var refused = cancelXml(xmlCancel(xmlLine(1, xmlStatus("Cancelled", customer, "1"))));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);

        var answer = walmart.signed("GET", "/v3/ca/orders/" + number).send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(statuses(Xml.parse(answer.text()), 0))
                .containsExactly(Map.entry("Cancelled/" + backorder, "2"), Map.entry("Cancelled/" + customer, "1"));
    }

    @Test
    void severalStatusEntriesOfOneLineAddUpAndStatusIgnoresCase() {
        var response = cancelXml(xmlCancel(xmlLine(
                1,
                xmlStatus("CANCELLED", "CUSTOMER_REQUESTED_SELLER_TO_CANCEL", "1"),
                xmlStatus("cancelled", "CUSTOMER_REQUESTED_SELLER_TO_CANCEL", "2"))));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var parsed = Xml.parse(response.text());
        assertThat(statuses(parsed, 0))
                .containsExactly(Map.entry("Cancelled/CUSTOMER_REQUESTED_SELLER_TO_CANCEL", "3"));
        var canonical = api.get(
                        "/api/v1/orders/" + order.get("id").asString(),
                        trade.buyer().key())
                .json();
        assertThat(canonical.at("/lines/0/status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void jsonWithTheOrderCancellationWrapperAnswersJson() {
        var body = """
                {"orderCancellation": {"orderLines": {"orderLine": [{"lineNumber": "2",
                  "orderLineStatuses": {"orderLineStatus": [{"status": "Cancelled",
                    "cancellationReason": "SUPPLIER_CANCEL_BACKORDER",
                    "statusQuantity": {"unitOfMeasurement": "EA", "amount": "1"}}]}}]}}}""";

        var response = walmart.signed("POST", "/v3/ca/orders/" + number + "/cancel")
                .header("Accept", "application/json")
                .raw("application/json", body)
                .send();

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        var json = response.json().get("order");
        assertThat(json.get("purchaseOrderId").asString()).isEqualTo(String.valueOf(number));
        var line = json.at("/orderLines/orderLine/1");
        assertThat(line.at("/orderLineStatuses/orderLineStatus/0/status").asString())
                .isEqualTo("Cancelled");
        assertThat(line.at("/orderLineStatuses/orderLineStatus/0/cancellationReason")
                        .asString())
                .isEqualTo("SUPPLIER_CANCEL_BACKORDER");
        assertThat(line.at("/charges/charge/1/chargeType").asString()).isEqualTo("SHIPPING");
        assertThat(OrderSchema.violations(Api.JSON.convertValue(json, Map.class)))
                .isEmpty();
        var cancellations = api.get(
                        "/api/v1/orders/" + order.get("id").asString() + "/cancellations",
                        trade.buyer().key())
                .json();
        assertThat(cancellations.at("/0/reason").asString()).isEqualTo("BACKORDERED");
    }

    @Test
    void jsonWithoutTheWrapperAndAnXmlAnswerWhenAskedFor() {
        var body = """
                {"orderLines": {"orderLine": {"lineNumber": "1",
                  "orderLineStatuses": {"orderLineStatus": {"status": "Cancelled",
                    "cancellationReason": "SUPPLIER_CANCEL_DISCONTINUE",
                    "statusQuantity": {"unitOfMeasurement": "EACH", "amount": 2}}}}}}""";

        var response = walmart.signed("POST", "/v3/ca/orders/" + number + "/cancel")
                .header("Accept", "application/xml")
                .raw("application/json", body)
                .send();

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(statuses(Xml.parse(response.text()), 0))
                .containsExactly(Map.entry("Created", "1"), Map.entry("Cancelled/SUPPLIER_CANCEL_DISCONTINUE", "2"));
    }

    @Test
    void everyDocumentedReasonMapsToACanonicalOne() {
        var expected = Map.of(
                "SUPPLIER_CANCEL", "SELLER_CANCELLED",
                "SUPPLIER_CANCEL_CUSTOMER_REQUEST", "CUSTOMER_REQUEST",
                "SUPPLIER_CANCEL_UNRECOGNIZED", "UNRECOGNIZED_ITEM");
        for (var reason : expected.entrySet()) {
            var fresh = given.anOrder(trade).withLine(1, "1.00").place();
            var response = walmart.signed(
                            "POST", "/v3/ca/orders/" + fresh.get("number").asLong() + "/cancel")
                    .raw("text/xml", xmlCancel(xmlLine(1, xmlStatus("Cancelled", reason.getKey(), "1"))))
                    .send();
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(statuses(Xml.parse(response.text()), 0))
                    .containsExactly(Map.entry("Cancelled/" + reason.getKey(), "1"));
            var cancellations = api.get(
                            "/api/v1/orders/" + fresh.get("id").asString() + "/cancellations",
                            trade.buyer().key())
                    .json();
            assertThat(cancellations.at("/0/reason").asString()).isEqualTo(reason.getValue());
        }
    }

    @Test
    void cancelsMadeThroughTheCanonicalApiShowWithAWalmartReason() {
        var path = "/api/v1/orders/" + order.get("id").asString() + "/cancellations";
        assertThat(api.post(
                                path,
                                trade.buyer().key(),
                                Map.of(
                                        "reason",
                                        "BUYER_CANCELLED",
                                        "lines",
                                        List.of(Map.of("lineNumber", 1, "quantity", 1))))
                        .status())
                .isEqualTo(201);
        assertThat(api.post(
                                path,
                                trade.seller().key(),
                                Map.of(
                                        "reason",
                                        "OUT_OF_STOCK",
                                        "lines",
                                        List.of(Map.of("lineNumber", 1, "quantity", 1))))
                        .status())
                .isEqualTo(201);

        var response = walmart.signed("GET", "/v3/ca/orders/" + number).send();

        assertThat(statuses(Xml.parse(response.text()), 0))
                .containsExactly(
                        Map.entry("Created", "1"),
                        Map.entry("Cancelled/CUSTOMER_REQUESTED_SELLER_TO_CANCEL", "1"),
                        Map.entry("Cancelled/SELLER_CANCEL_OUT_OF_STOCK", "1"));
    }

    @Test
    void theAnswerFollowsTheSellersLaterMoves() {
        cancelXml(xmlCancel(xmlLine(1, xmlStatus("Cancelled", "CANCEL_BY_SELLER", "1"))));
        var base = "/api/v1/orders/" + order.get("id").asString() + "/lines/"
                + order.at("/lines/0/id").asString();
        assertThat(api.post(base + "/confirm", trade.seller().key(), Map.of()).status())
                .isEqualTo(200);
        assertThat(api.post(base + "/ship", trade.seller().key(), Map.of("quantity", 1))
                        .status())
                .isEqualTo(200);

        var response = walmart.signed("GET", "/v3/ca/orders/" + number).send();

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var parsed = Xml.parse(response.text());
        assertThat(statuses(parsed, 0))
                .containsExactly(
                        Map.entry("Acknowledged", "1"),
                        Map.entry("Shipped", "1"),
                        Map.entry("Cancelled/CANCEL_BY_SELLER", "1"));
        assertThat(OrderSchema.violations(parsed.content())).isEmpty();
    }
}
