package io.rescind.dialects.walmart;

import static io.rescind.dialects.walmart.WalmartCancelTest.resource;
import static io.rescind.dialects.walmart.WalmartCancelTest.xmlCancel;
import static io.rescind.dialects.walmart.WalmartCancelTest.xmlLine;
import static io.rescind.dialects.walmart.WalmartCancelTest.xmlStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Every refusal of the Walmart endpoints, in Walmart's gateway error shape and status. */
class WalmartErrorsTest extends ApiTest {

    Fixtures.Trade trade;
    WalmartClient walmart;
    JsonNode order;
    long number;

    @BeforeEach
    void anOrderForASellerWithAWalmartConsumer() {
        trade = given.trade();
        walmart = new WalmartClient(api, port, trade.seller());
        order = given.anOrder(trade).withLine(2, "10.00").withLine(1, "5.00").place();
        number = order.get("number").asLong();
    }

    /** The errors of an XML answer, each as its element map; checks the shape on the way. */
    static List<Object> errors(Api.Response response) {
        assertThat(response.header("Content-Type")).startsWith("application/xml");
        var parsed = Xml.parse(response.text());
        assertThat(parsed.root()).isEqualTo("errors");
        var errors = Xml.all(parsed.content(), "error");
        assertThat(errors).isNotEmpty();
        // No element that Walmart's own error sample lacks; without the sample the calling test is
        // skipped (reading it assumes it is there), never passed without the check.
        var sample = Xml.parse(resource("error.xml"));
        for (var error : errors) {
            @SuppressWarnings("unchecked")
            var keys = ((Map<String, Object>) error).keySet();
            assertThat(keys).contains("code", "description", "info", "severity", "category");
            @SuppressWarnings("unchecked")
            var sampleKeys = ((Map<String, Object>) Xml.at(sample.content(), "error")).keySet();
            assertThat(keys).isSubsetOf(sampleKeys);
        }
        return errors;
    }

    static void assertError(Api.Response response, int status, String code, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        var error = errors(response).getFirst();
        assertThat(String.valueOf(Xml.at(error, "code"))).startsWith(code + ".");
        assertThat(Xml.at(error, "field")).isEqualTo(field);
    }

    Api.Response cancel(String contentType, String body) {
        return walmart.signed("POST", "/v3/ca/orders/" + number + "/cancel")
                .raw(contentType, body)
                .send();
    }

    static Stream<Arguments> headers() {
        return Stream.of(
                        "WM_SVC.NAME",
                        "WM_QOS.CORRELATION_ID",
                        "WM_SEC.TIMESTAMP",
                        "WM_SEC.AUTH_SIGNATURE",
                        "WM_CONSUMER.ID",
                        "WM_CONSUMER.CHANNEL.TYPE")
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("headers")
    void eachMissingHeaderIsNamed(String missing) {
        var signed = walmart.signed("GET", "/v3/ca/orders/" + number).send();
        assertThat(signed.status()).isEqualTo(200);
        var request = api.request("GET", "/v3/ca/orders/" + number);
        var timestamp = String.valueOf(System.currentTimeMillis());
        var url = "http://localhost:" + port + "/v3/ca/orders/" + number;
        var all = new java.util.LinkedHashMap<String, String>();
        all.put("WM_SVC.NAME", "Walmart Marketplace");
        all.put("WM_QOS.CORRELATION_ID", "c-1");
        all.put("WM_SEC.TIMESTAMP", timestamp);
        all.put(
                "WM_SEC.AUTH_SIGNATURE",
                WalmartClient.sign(
                        WalmartClient.KEYS.getPrivate(),
                        walmart.consumerId + "\n" + url + "\nGET\n" + timestamp + "\n"));
        all.put("WM_CONSUMER.ID", walmart.consumerId);
        all.put("WM_CONSUMER.CHANNEL.TYPE", walmart.channelType);
        all.remove(missing);
        all.forEach(request::header);

        assertError(request.send(), 400, "MISSING_REQUEST_HEADER", missing);
    }

    @Test
    void noCredentialsAtAllIsAMissingHeader() {
        assertError(api.request("GET", "/v3/ca/orders/" + number).send(), 400, "MISSING_REQUEST_HEADER", "WM_SVC.NAME");
    }

    @Test
    void aSignatureThatDoesNotVerifyIsUnauthorized() {
        var response = signedHeaders(
                        api.request("GET", "/v3/ca/orders/" + number),
                        System.currentTimeMillis(),
                        "bm90IGEgc2lnbmF0dXJl")
                .send();

        assertError(response, 401, "UNAUTHORIZED", null);
    }

    @Test
    void aRequestSignedForAnotherUrlOrMethodIsRefusedAndChangesNothing() {
        var timestamp = System.currentTimeMillis();
        var signedForGet = WalmartClient.sign(
                WalmartClient.KEYS.getPrivate(),
                walmart.consumerId + "\nhttp://localhost:" + port + "/v3/ca/orders/" + number + "/cancel\nGET\n"
                        + timestamp + "\n");

        var response = signedHeaders(
                        api.request("POST", "/v3/ca/orders/" + number + "/cancel"), timestamp, signedForGet)
                .raw("application/xml", resource("v3-cancelOrder.request.xml"))
                .send();

        assertError(response, 401, "UNAUTHORIZED", null);
        var canonical = api.get(
                        "/api/v1/orders/" + order.get("id").asString(),
                        trade.buyer().key())
                .json();
        assertThat(canonical.at("/lines/0/cancelledQuantity").asLong()).isZero();
    }

    Api.Request signedHeaders(Api.Request request, long timestamp, String signature) {
        return request.header("WM_SVC.NAME", "Walmart Marketplace")
                .header("WM_QOS.CORRELATION_ID", "c-2")
                .header("WM_SEC.TIMESTAMP", String.valueOf(timestamp))
                .header("WM_SEC.AUTH_SIGNATURE", signature)
                .header("WM_CONSUMER.ID", walmart.consumerId)
                .header("WM_CONSUMER.CHANNEL.TYPE", walmart.channelType);
    }

    @Test
    void aCapturedRequestCannotBeReplayedOutsideTheWindow() {
        var sixMinutesAgo = System.currentTimeMillis() - 6 * 60 * 1000;
        var inTheFuture = System.currentTimeMillis() + 6 * 60 * 1000;

        assertError(
                walmart.signedAt("GET", "/v3/ca/orders/" + number, sixMinutesAgo)
                        .send(),
                401,
                "UNAUTHORIZED",
                null);
        assertError(
                walmart.signedAt("GET", "/v3/ca/orders/" + number, inTheFuture).send(), 401, "UNAUTHORIZED", null);
        assertThat(walmart.signedAt("GET", "/v3/ca/orders/" + number, System.currentTimeMillis() - 60_000)
                        .send()
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anUnknownConsumerOrAWrongChannelTypeIsUnauthorized() {
        var path = "/v3/ca/orders/" + number;
        var timestamp = System.currentTimeMillis();
        var url = "http://localhost:" + port + path;
        for (var consumer : List.of("nobody-" + number, walmart.consumerId)) {
            var signature = WalmartClient.sign(
                    WalmartClient.KEYS.getPrivate(), consumer + "\n" + url + "\nGET\n" + timestamp + "\n");
            var response = api.request("GET", path)
                    .header("WM_SVC.NAME", "Walmart Marketplace")
                    .header("WM_QOS.CORRELATION_ID", "c-3")
                    .header("WM_SEC.TIMESTAMP", String.valueOf(timestamp))
                    .header("WM_SEC.AUTH_SIGNATURE", signature)
                    .header("WM_CONSUMER.ID", consumer)
                    .header("WM_CONSUMER.CHANNEL.TYPE", "not-the-registered-channel")
                    .send();
            assertError(response, 401, "UNAUTHORIZED", null);
        }
    }

    @Test
    void theCorrelationIdIsEchoed() {
        var path = "/v3/ca/orders/" + number;
        var headers = walmart.headers("GET", path, System.currentTimeMillis());
        var sent = "corr-" + UUID.randomUUID();
        headers.put("WM_QOS.CORRELATION_ID", sent);
        var request = api.request("GET", path);
        headers.forEach(request::header);

        var response = request.send();

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.headers().allValues("WM_QOS.CORRELATION_ID")).containsExactly(sent);
    }

    @Test
    void aBuyersApiKeyIsForbidden() {
        var response = api.request("GET", "/v3/ca/orders/" + number)
                .key(trade.buyer().key())
                .send();

        assertError(response, 403, "FORBIDDEN", null);
    }

    @Test
    void anUnknownOrderIsContentNotFound() {
        var response = walmart.signed("POST", "/v3/ca/orders/999999999/cancel")
                .raw("application/xml", resource("v3-cancelOrder.request.xml"))
                .send();
        assertError(response, 404, "CONTENT_NOT_FOUND", null);
        assertError(walmart.signed("GET", "/v3/ca/orders/not-a-number").send(), 404, "CONTENT_NOT_FOUND", null);
        // Another seller's order does not exist for this one.
        var stranger = given.anOrder(given.trade()).withLine(1, "1").place();
        assertError(
                walmart.signed("GET", "/v3/ca/orders/" + stranger.get("number").asLong())
                        .send(),
                404,
                "CONTENT_NOT_FOUND",
                null);
    }

    @Test
    void theErrorComesAsJsonToJsonClients() {
        var response = walmart.signed("GET", "/v3/ca/orders/999999999")
                .header("Accept", "application/json")
                .send();

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        var error = response.json().at("/errors/error/0");
        assertThat(error.get("code").asString()).isEqualTo("CONTENT_NOT_FOUND.GMP_ORDER_API");
        assertThat(error.get("severity").asString()).isEqualTo("INFO");
        assertThat(error.get("category").asString()).isEqualTo("APPLICATION");
    }

    @Test
    void aWrongMediaTypeIs415AndAnUnacceptableAcceptIs406() {
        assertError(cancel("text/plain", "cancel please"), 415, "UNSUPPORTED_MEDIA_TYPE", null);
        var response = walmart.signed("GET", "/v3/ca/orders/" + number)
                .header("Accept", "text/csv")
                .send();
        assertThat(response.status()).isEqualTo(406);
        assertThat(response.text()).contains("INVALID_ACCEPT_TYPE");
    }

    @Test
    void malformedBodiesAreMalformedRequestContent() {
        assertError(
                cancel("application/xml", "<orderCancellation><orderLines>"), 400, "MALFORMED_REQUEST_CONTENT", "body");
        assertError(cancel("application/xml", ""), 400, "MALFORMED_REQUEST_CONTENT", "orderCancellation");
        var json = walmart.signed("POST", "/v3/ca/orders/" + number + "/cancel")
                .raw("application/json", "{\"orderLines\": [")
                .send();
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.header("Content-Type")).startsWith("application/json");
        assertThat(json.json().at("/errors/error/0/code").asString())
                .isEqualTo("MALFORMED_REQUEST_CONTENT.GMP_ORDER_API");
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedInWalmartsShape() throws Exception {
        var path = "/v3/ca/orders/" + number + "/cancel";
        var signed = walmart.headers("POST", path, System.currentTimeMillis());
        var huge = xmlCancel(xmlLine(1, xmlStatus("Cancelled", "CANCEL_BY_SELLER", "1")))
                .replace("<orderLines>", "<orderLines>" + "<!-- padding -->".repeat(10_000));
        var builder = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/xml")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() ->
                        new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        signed.forEach(builder::header);

        var response = java.net.http.HttpClient.newHttpClient()
                .send(builder.build(), java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("REQUEST_TOO_LARGE");
        var canonical = api.get(
                        "/api/v1/orders/" + order.get("id").asString(),
                        trade.buyer().key())
                .json();
        assertThat(canonical.at("/lines/0/cancelledQuantity").asLong()).isZero();
    }

    @Test
    void externalEntitiesAreNeverFetched() {
        var xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE orderCancellation [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <orderCancellation><orderLines><orderLine><lineNumber>&x;</lineNumber></orderLine></orderLines></orderCancellation>
                """;

        var response = cancel("application/xml", xxe);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text()).doesNotContain("root:");
    }

    @Test
    void aDoctypeIsRefusedSayingSoEvenWithoutEntities() {
        var body = xmlCancel(xmlLine(1, xmlStatus("Cancelled", "CANCEL_BY_SELLER", "1")))
                .replace("<orderCancellation", "<!DOCTYPE orderCancellation>\n<orderCancellation");

        var response = cancel("application/xml", body);

        assertError(response, 400, "MALFORMED_REQUEST_CONTENT", "body");
        assertThat(String.valueOf(Xml.at(errors(response).getFirst(), "description")))
                .contains("DOCTYPE");
        var canonical = api.get(
                        "/api/v1/orders/" + order.get("id").asString(),
                        trade.seller().key())
                .json();
        assertThat(canonical.at("/lines/0/cancelledQuantity").asLong()).isZero();
    }

    @Test
    void anUndeclaredEntityIsNamedNotJustPositioned() {
        var body = xmlCancel(xmlLine(1, xmlStatus("Cancelled", "CANCEL_BY_SELLER", "&one;")));

        var response = cancel("application/xml", body);

        assertThat(response.status()).isEqualTo(400);
        var description = String.valueOf(Xml.at(errors(response).getFirst(), "description"));
        assertThat(description).contains("one").contains("line").doesNotContain("ParseError");
    }

    @Test
    void anAmountWrittenAsADecimalIsTheSameWholeUnits() {
        var response =
                cancel("application/xml", xmlCancel(xmlLine(1, xmlStatus("Cancelled", "CANCEL_BY_SELLER", "1.0"))));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var canonical = api.get(
                        "/api/v1/orders/" + order.get("id").asString(),
                        trade.seller().key())
                .json();
        assertThat(canonical.at("/lines/0/cancelledQuantity").asLong()).isEqualTo(1);
    }

    @Test
    void theSameSignedRequestSentTwiceWithinTheWindowIsRefusedTheSecondTime() {
        var body = xmlCancel(xmlLine(1, xmlStatus("Cancelled", "CANCEL_BY_SELLER", "1")));
        var timestamp = System.currentTimeMillis() - 1_000;

        var first = walmart.signedAt("POST", "/v3/ca/orders/" + number + "/cancel", timestamp)
                .raw("application/xml", body)
                .send();
        var replay = walmart.signedAt("POST", "/v3/ca/orders/" + number + "/cancel", timestamp)
                .raw("application/xml", body)
                .send();

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertError(replay, 401, "UNAUTHORIZED", null);
        assertThat(String.valueOf(Xml.at(errors(replay).getFirst(), "description")))
                .contains("used before");
        var canonical = api.get(
                        "/api/v1/orders/" + order.get("id").asString(),
                        trade.seller().key())
                .json();
        assertThat(canonical.at("/lines/0/cancelledQuantity").asLong()).isEqualTo(1);
    }

    static Stream<Arguments> invalidContent() {
        return Stream.of(
                Arguments.of(
                        xmlCancel(xmlLine(1, xmlStatus("Shipped", "CANCEL_BY_SELLER", "1"))),
                        "orderLine[lineNumber=1].status"),
                Arguments.of(
                        xmlCancel(xmlLine(1, xmlStatus("Cancelled", "BECAUSE", "1"))),
                        "orderLine[lineNumber=1].cancellationReason"),
                Arguments.of(
                        xmlCancel(xmlLine(1, xmlStatus("Cancelled", "CANCEL_BY_SELLER", "0"))),
                        "orderLine[lineNumber=1].statusQuantity.amount"),
                Arguments.of(
                        xmlCancel(xmlLine(1, xmlStatus("Cancelled", "CANCEL_BY_SELLER", "1.5"))),
                        "orderLine[lineNumber=1].statusQuantity.amount"),
                Arguments.of(
                        xmlCancel(xmlLine(1, xmlStatus("Cancelled", "CANCEL_BY_SELLER", "1"))
                                .replace("EACH", "KG")),
                        "orderLine[lineNumber=1].statusQuantity.unitOfMeasurement"),
                Arguments.of(
                        xmlCancel(xmlLine(1, xmlStatus("Cancelled", "CANCEL_BY_SELLER", "1"))
                                .replace("<lineNumber>1", "<lineNumber>one")),
                        "lineNumber"),
                Arguments.of(
                        xmlCancel(
                                xmlLine(1, xmlStatus("Cancelled", "CANCEL_BY_SELLER", "1")),
                                xmlLine(2, xmlStatus("Cancelled", "SUPPLIER_CANCEL_BACKORDER", "1"))),
                        "orderLine[lineNumber=2].cancellationReason"),
                Arguments.of(xmlCancel(""), "orderLines"),
                Arguments.of("<inventory xmlns=\"http://walmart.com/\"><sku>x</sku></inventory>", "inventory"));
    }

    @ParameterizedTest
    @MethodSource("invalidContent")
    void invalidContentNamesTheFieldAndChangesNothing(String body, String field) {
        assertError(cancel("application/xml", body), 400, "INVALID_REQUEST_CONTENT", field);

        var canonical = api.get(
                        "/api/v1/orders/" + order.get("id").asString(),
                        trade.buyer().key())
                .json();
        assertThat(canonical.at("/lines/0/cancelledQuantity").asLong()).isZero();
    }

    @Test
    void linesThatCannotBeCancelledAreNamedAndNothingChanges() {
        var base = "/api/v1/orders/" + order.get("id").asString() + "/lines/";
        var second = order.at("/lines/1/id").asString();
        assertThat(api.post(base + second + "/confirm", trade.seller().key(), Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(api.post(base + second + "/ship", trade.seller().key(), Map.of("quantity", 1))
                        .status())
                .isEqualTo(200);

        var shipped = cancel(
                "application/xml",
                xmlCancel(
                        xmlLine(1, xmlStatus("Cancelled", "CANCEL_BY_SELLER", "1")),
                        xmlLine(2, xmlStatus("Cancelled", "CANCEL_BY_SELLER", "1"))));
        assertError(shipped, 400, "INVALID_REQUEST_CONTENT", "orderLine[lineNumber=2]");
        assertThat(String.valueOf(Xml.at(errors(shipped).getFirst(), "description")))
                .contains("shipped");

        var tooMany = cancel("application/xml", xmlCancel(xmlLine(1, xmlStatus("Cancelled", "CANCEL_BY_SELLER", "3"))));
        assertError(tooMany, 400, "INVALID_REQUEST_CONTENT", "orderLine[lineNumber=1]");

        var unknown = cancel("application/xml", xmlCancel(xmlLine(7, xmlStatus("Cancelled", "CANCEL_BY_SELLER", "1"))));
        assertError(unknown, 400, "INVALID_REQUEST_CONTENT", "orderLine[lineNumber=7]");

        var canonical = api.get(
                        "/api/v1/orders/" + order.get("id").asString(),
                        trade.buyer().key())
                .json();
        assertThat(canonical.at("/lines/0/cancelledQuantity").asLong()).isZero();

        assertThat(cancel("application/xml", xmlCancel(xmlLine(1, xmlStatus("Cancelled", "CANCEL_BY_SELLER", "2"))))
                        .status())
                .isEqualTo(200);
        var again = cancel("application/xml", xmlCancel(xmlLine(1, xmlStatus("Cancelled", "CANCEL_BY_SELLER", "1"))));
        assertError(again, 400, "INVALID_REQUEST_CONTENT", "orderLine[lineNumber=1]");
        assertThat(String.valueOf(Xml.at(errors(again).getFirst(), "description")))
                .contains("already cancelled");
    }

    @Test
    void aCompletedLineCannotBeCancelled() {
        var base = "/api/v1/orders/" + order.get("id").asString() + "/lines/"
                + order.at("/lines/1/id").asString();
        assertThat(api.post(base + "/confirm", trade.seller().key(), Map.of()).status())
                .isEqualTo(200);
        assertThat(api.post(base + "/complete", trade.seller().key(), Map.of()).status())
                .isEqualTo(200);

        var response =
                cancel("application/xml", xmlCancel(xmlLine(2, xmlStatus("Cancelled", "CANCEL_BY_SELLER", "1"))));

        assertError(response, 400, "INVALID_REQUEST_CONTENT", "orderLine[lineNumber=2]");
    }

    @Test
    void unknownPathsAndMethodsAnswerInWalmartsShape() {
        assertError(walmart.signed("GET", "/v3/ca/nothing-here").send(), 404, "URI_NOT_FOUND", null);
        assertError(walmart.signed("DELETE", "/v3/ca/orders/" + number).send(), 405, "METHOD_NOT_ALLOWED", null);
    }

    @Test
    void listingNeedsAValidStartDateAndLimit() {
        assertError(walmart.signed("GET", "/v3/ca/orders").send(), 400, "MISSING_REQUEST_PARAM", "createdStartDate");
        assertError(
                walmart.signed("GET", "/v3/ca/orders?createdStartDate=yesterday")
                        .send(),
                400,
                "INVALID_REQUEST_PARAM",
                "createdStartDate");
        assertError(
                walmart.signed("GET", "/v3/ca/orders?createdStartDate=2020-01-01&limit=201")
                        .send(),
                400,
                "INVALID_REQUEST_PARAM",
                "limit");
        assertError(
                walmart.signed("GET", "/v3/ca/orders?createdStartDate=2020-01-01&status=Lost")
                        .send(),
                400,
                "INVALID_REQUEST_PARAM",
                "status");
    }
}
