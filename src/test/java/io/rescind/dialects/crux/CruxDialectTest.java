package io.rescind.dialects.crux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures.Party;
import io.rescind.support.Fixtures.Trade;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Crux dialect as Crux clients call it: the seed's curl, HTTPie, Python and Node examples
 * with the host swapped and a real token, the retailer → supplier flow, and its error codes.
 */
class CruxDialectTest extends ApiTest {

    private static final List<String> OPEN_STATES =
            List.of("ISSUED", "IN_PROGRESS", "CONFIRMED", "REJECTED", "SHIPPED");

    /** The seller wants to approve every retailer cancel, as Crux's suppliers do. */
    private void supplierApproves(Trade trade, String ttl, String onExpiry) {
        var response = api.put(
                "/api/v1/sellers/" + trade.seller().id() + "/cancellation-policy",
                trade.seller().key(),
                Map.of(
                        "buyerMayCancel", OPEN_STATES,
                        "sellerMayCancel", OPEN_STATES,
                        "buyerNeedsApproval", OPEN_STATES,
                        "pendingTtl", ttl,
                        "onExpiry", onExpiry));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private Api.Request crux(String method, String path, Party party) {
        return api.request(method, path).header("Authorization", "Token " + party.key());
    }

    private JsonNode cruxOrder(JsonNode order, Party party) {
        var response = crux("GET", "/orders/" + order.get("id").asString() + "/", party)
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static String item(JsonNode order, int index) {
        return order.at("/lines/" + index + "/id").asString();
    }

    @Test
    void theSeedsCurlExampleAsksAndTheSupplierConfirms() {
        var trade = given.trade();
        supplierApproves(trade, "PT1H", "REJECT");
        var order = given.anOrder(trade).withLine(2, "66.05").withLine(1, "5").place();

        // curl -X "DELETE" ".../orders/items/cancel/<uuid>/" -H 'Authorization: Token …'
        //      -H 'Content-Type: application/json; charset=utf-8' -d $'{}'
        var asked = crux("DELETE", "/orders/items/cancel/" + item(order, 0) + "/", trade.buyer())
                .raw("application/json; charset=utf-8", "{}")
                .send();
        assertThat(asked.status()).as(asked.toString()).isEqualTo(204);
        assertThat(asked.text()).isEmpty();

        var pending = cruxOrder(order, trade.buyer());
        assertThat(pending.get("uuid").asString()).isEqualTo(order.get("id").asString());
        assertThat(pending.get("purchase_order_id").asString())
                .isEqualTo(order.get("orderNumber").asString());
        var line = pending.at("/line_items/0");
        assertThat(line.get("uuid").asString()).isEqualTo(item(order, 0));
        assertThat(line.get("status").asString()).isEqualTo("Unallocated");
        assertThat(line.at("/cancel_request/status").asString()).isEqualTo("Pending");
        assertThat(line.at("/cancel_request/quantity").asLong()).isEqualTo(2);
        assertThat(line.at("/allocation/quantity_ordered").asLong()).isEqualTo(2);
        assertThat(pending.at("/line_items/1").has("cancel_request")).isFalse();

        // curl -X "PATCH" ".../timp/orders/items/cancel/<uuid>/confirm/" with a session cookie
        var confirmed = crux("PATCH", "/timp/orders/items/cancel/" + item(order, 0) + "/confirm/", trade.seller())
                .header("Cookie", "sessionid=h9qjyhleectu7aef5pkwma0jn2gxgitz")
                .raw("application/json; charset=utf-8", "{}")
                .send();
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(204);
        var after = cruxOrder(order, trade.seller()).at("/line_items/0");
        assertThat(after.get("status").asString()).isEqualTo("Cancelled");
        assertThat(after.get("quantity_cancelled").asLong()).isEqualTo(2);
        assertThat(after.has("cancel_request")).isFalse();

        var canonical = api.get(
                        "/api/v1/orders/" + order.get("id").asString(),
                        trade.buyer().key())
                .json()
                .at("/lines/0");
        assertThat(canonical.get("cancelledQuantity").asLong()).isEqualTo(2);
        assertThat(canonical.at("/cancelled/price").decimalValue()).isEqualByComparingTo("132.10");
    }

    @Test
    void theHttpieExampleSendsNoBodyAndTheSupplierRejects() {
        var trade = given.trade();
        supplierApproves(trade, "PT1H", "REJECT");
        var order = given.anOrder(trade).withLine(3, "1").place();

        // http --json DELETE '.../timp/orders/items/cancel/<uuid>/' 'Authorization':'Token …'
        var asked = crux("DELETE", "/timp/orders/items/cancel/" + item(order, 0) + "/", trade.buyer())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json, */*;q=0.5")
                .send();
        assertThat(asked.status()).as(asked.toString()).isEqualTo(204);

        var again = crux("DELETE", "/orders/items/cancel/" + item(order, 0) + "/", trade.buyer())
                .send();
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().get("detail").asString()).contains("awaits a decision");

        var rejected = crux("PATCH", "/timp/orders/items/cancel/" + item(order, 0) + "/reject/", trade.seller())
                .send();
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(204);
        var line = cruxOrder(order, trade.buyer()).at("/line_items/0");
        assertThat(line.get("status").asString()).isEqualTo("Unallocated");
        assertThat(line.has("cancel_request")).isFalse();
        assertThat(line.get("quantity_cancelled").asLong()).isZero();

        var decidedTwice = crux("PATCH", "/timp/orders/items/cancel/" + item(order, 0) + "/confirm/", trade.seller())
                .send();
        assertThat(decidedTwice.status()).isEqualTo(422);
    }

    @Test
    void theNodeAndPythonExamplesAskAndTheRequestsWaitForTheSupplierUnderCruxsDefault() throws Exception {
        var trade = given.trade();
        var order = given.anOrder(trade).withLine(1, "1").withLine(1, "1").place();

        // Node's https.request writes "{}" as a chunked body, with its own User-Agent.
        var node = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + port + "/orders/items/cancel/" + item(order, 0) + "/"))
                                .method(
                                        "DELETE",
                                        HttpRequest.BodyPublishers.ofInputStream(
                                                () -> new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))))
                                .header(
                                        "Authorization",
                                        "Token " + trade.buyer().key())
                                .header("Content-Type", "application/json; charset=utf-8")
                                .header("User-Agent", "node v20.11.0")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(node.statusCode()).as(node.body()).isEqualTo(204);

        // Python requests: requests.delete(url, headers={...}) with no data.
        var python = crux("DELETE", "/orders/items/cancel/" + item(order, 1) + "/", trade.buyer())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "python-requests/2.31.0")
                .send();
        assertThat(python.status()).as(python.toString()).isEqualTo(204);

        // Crux's reading with no policy of the seller's: the requests are pending until the supplier decides.
        var view = cruxOrder(order, trade.buyer());
        assertThat(view.at("/line_items/0/status").asString()).isEqualTo("Unallocated");
        assertThat(view.at("/line_items/0/cancel_request/status").asString()).isEqualTo("Pending");
        assertThat(view.at("/line_items/1/cancel_request/status").asString()).isEqualTo("Pending");
        assertThat(crux("PATCH", "/orders/items/cancel/" + item(order, 0) + "/confirm/", trade.seller())
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(cruxOrder(order, trade.buyer()).at("/line_items/0/status").asString())
                .isEqualTo("Cancelled");
    }

    @Test
    void underCruxsDefaultAnItemPastPendingCannotBeCancelled() {
        var trade = given.trade();
        var order = given.anOrder(trade).withLine(1, "1").place();
        api.post(
                "/api/v1/orders/" + order.get("id").asString() + "/lines/" + item(order, 0) + "/confirm",
                trade.seller().key(),
                Map.of());

        var refused = crux("DELETE", "/orders/items/cancel/" + item(order, 0) + "/", trade.buyer())
                .send();

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(cruxOrder(order, trade.buyer()).at("/line_items/0/status").asString())
                .isEqualTo("Allocated");
    }

    @Test
    void aSellersOwnPolicyStillChoosesOtherwise() {
        var trade = given.trade();
        assertThat(api.put(
                                "/api/v1/sellers/" + trade.seller().id() + "/cancellation-policy",
                                trade.seller().key(),
                                Map.of("buyerMayCancel", OPEN_STATES, "sellerMayCancel", OPEN_STATES))
                        .status())
                .isEqualTo(200);
        var order = given.anOrder(trade).withLine(1, "1").place();
        api.post(
                "/api/v1/orders/" + order.get("id").asString() + "/lines/" + item(order, 0) + "/confirm",
                trade.seller().key(),
                Map.of());

        var cancelled = crux("DELETE", "/orders/items/cancel/" + item(order, 0) + "/", trade.buyer())
                .send();

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(204);
        assertThat(cruxOrder(order, trade.buyer()).at("/line_items/0/status").asString())
                .isEqualTo("Cancelled");
    }

    @Test
    void aWholeOrderCancelIsOneRequestTheSupplierDecidesAtOrderLevel() {
        var trade = given.trade();
        supplierApproves(trade, "PT1H", "REJECT");
        var order = given.anOrder(trade).withLine(2, "1").withLine(1, "1").place();
        var orderUuid = order.get("id").asString();

        var asked = crux("PATCH", "/orders/cancel/", trade.buyer())
                .raw("application/json; charset=utf-8", "{\"order_uuid\": \"" + orderUuid + "\"}")
                .send();
        assertThat(asked.status()).as(asked.toString()).isEqualTo(204);
        var view = cruxOrder(order, trade.seller());
        assertThat(view.at("/line_items/0/cancel_request/quantity").asLong()).isEqualTo(2);
        assertThat(view.at("/line_items/1/cancel_request/quantity").asLong()).isEqualTo(1);

        var itemLevel = crux("PATCH", "/timp/orders/items/cancel/" + item(order, 0) + "/confirm/", trade.seller())
                .send();
        assertThat(itemLevel.status()).isEqualTo(422);
        assertThat(itemLevel.json().get("detail").asString()).contains("order");

        var confirmed = crux("PATCH", "/timp/orders/cancel/" + orderUuid + "/confirm/", trade.seller())
                .raw("application/json; charset=utf-8", "{}")
                .send();
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(204);
        var after = cruxOrder(order, trade.buyer());
        assertThat(after.at("/line_items/0/status").asString()).isEqualTo("Cancelled");
        assertThat(after.at("/line_items/1/status").asString()).isEqualTo("Cancelled");

        var nothingLeft = crux("PATCH", "/timp/orders/cancel/" + orderUuid + "/reject/", trade.seller())
                .send();
        assertThat(nothingLeft.status()).isEqualTo(422);
        var cancelAgain = crux("PATCH", "/timp/orders/cancel/", trade.buyer())
                .raw("application/json", "{\"order_uuid\": \"" + orderUuid + "\"}")
                .send();
        assertThat(cancelAgain.status()).isEqualTo(422);
    }

    @Test
    void anUnansweredRequestExpiresAndTheItemIsOpenAgain() {
        var trade = given.trade();
        supplierApproves(trade, "PT1S", "REJECT");
        var order = given.anOrder(trade).withLine(1, "1").place();
        var asked = crux("DELETE", "/orders/items/cancel/" + item(order, 0) + "/", trade.buyer())
                .send();
        assertThat(asked.status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        !cruxOrder(order, trade.buyer()).at("/line_items/0").has("cancel_request"));
        var line = cruxOrder(order, trade.buyer()).at("/line_items/0");
        assertThat(line.get("status").asString()).isEqualTo("Unallocated");
        assertThat(line.get("quantity_cancelled").asLong()).isZero();
    }

    @Test
    void errorsUseCruxsStatusCodesAndOneBodyShape() {
        var trade = given.trade();
        var order = given.anOrder(trade).withLine(1, "1").place();
        var path = "/orders/items/cancel/" + item(order, 0) + "/";

        var missing = api.request("DELETE", path).send();
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("detail").asString()).isNotBlank();
        var wrong = api.request("DELETE", path)
                .header("Authorization", "Token not-a-key")
                .send();
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("detail").asString()).isEqualTo("Invalid token.");
        var bearer = api.request("DELETE", path).key(trade.buyer().key()).send();
        assertThat(bearer.status()).isEqualTo(401);

        assertThat(crux("DELETE", path, trade.seller()).send().status()).isEqualTo(409);
        assertThat(crux("PATCH", "/timp" + path + "confirm/", trade.buyer())
                        .send()
                        .status())
                .isEqualTo(409);

        var stranger = given.party("BUYER");
        var invisible = crux("DELETE", path, stranger).send();
        assertThat(invisible.status()).isEqualTo(404);
        assertThat(invisible.json().get("detail").asString()).isEqualTo("Order item not found.");
        assertThat(crux("DELETE", "/orders/items/cancel/00000000-0000-0000-0000-000000000000/", trade.buyer())
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(crux("DELETE", "/orders/items/cancel/not-a-uuid/", trade.buyer())
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(crux("GET", "/orders/" + order.get("id").asString() + "/", stranger)
                        .send()
                        .status())
                .isEqualTo(404);

        var text = crux("DELETE", path, trade.buyer())
                .raw("text/plain", "cancel it")
                .send();
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.json().get("detail").asString()).contains("application/json");
        var textPatch = crux("PATCH", "/orders/cancel/", trade.buyer())
                .raw("text/plain", "{\"order_uuid\": \"" + order.get("id").asString() + "\"}")
                .send();
        assertThat(textPatch.status()).isEqualTo(415);

        assertThat(crux("PATCH", "/orders/cancel/", trade.buyer()).send().status())
                .isEqualTo(400);
        var malformed = crux("PATCH", "/orders/cancel/", trade.buyer())
                .raw("application/json", "{\"order_uuid\": ")
                .send();
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().has("detail")).isTrue();
        assertThat(crux("PATCH", "/orders/cancel/", trade.buyer())
                        .raw("application/json", "{\"order_uuid\": 12}")
                        .send()
                        .status())
                .isEqualTo(400);

        var unknownOrder = crux("PATCH", "/timp/orders/cancel/", trade.buyer())
                .raw("application/json", "{\"order_uuid\": \"00000000-0000-0000-0000-000000000000\"}")
                .send();
        assertThat(unknownOrder.status()).isEqualTo(404);
        assertThat(crux(
                                "PATCH",
                                "/timp/orders/cancel/" + order.get("id").asString() + "/confirm/",
                                given.party("SELLER"))
                        .send()
                        .status())
                .isEqualTo(404);

        var verb = crux("POST", path, trade.buyer()).send();
        assertThat(verb.status()).isEqualTo(405);
        assertThat(verb.json().has("detail")).isTrue();
        var unknown = crux("GET", "/timp/nothing/here/", trade.buyer()).send();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().has("detail")).isTrue();

        assertThat(crux("PATCH", "/timp" + path + "confirm/", trade.seller())
                        .send()
                        .status())
                .isEqualTo(422);
        assertThat(crux("DELETE", path, trade.buyer()).send().status()).isEqualTo(204);
        assertThat(crux("PATCH", path + "confirm/", trade.seller()).send().status())
                .isEqualTo(204);
        var cancelled = crux("DELETE", path, trade.buyer()).send();
        assertThat(cancelled.status()).isEqualTo(422);
        assertThat(cancelled.json().get("detail").asString()).contains("already cancelled");
    }

    @Test
    void aPolicyThatKeepsRetailersFromCancellingIsA422() {
        var trade = given.trade();
        var policy = Map.of("buyerMayCancel", List.of("ISSUED"), "sellerMayCancel", OPEN_STATES);
        assertThat(api.put(
                                "/api/v1/sellers/" + trade.seller().id() + "/cancellation-policy",
                                trade.seller().key(),
                                policy)
                        .status())
                .isEqualTo(200);
        var order = given.anOrder(trade).withLine(1, "1").place();
        api.post(
                "/api/v1/orders/" + order.get("id").asString() + "/lines/" + item(order, 0) + "/confirm",
                trade.seller().key(),
                Map.of());
        var refused = crux("DELETE", "/orders/items/cancel/" + item(order, 0) + "/", trade.buyer())
                .send();
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("detail").asString()).contains("may not cancel");
    }
}
