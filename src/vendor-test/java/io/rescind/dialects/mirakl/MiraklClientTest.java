package io.rescind.dialects.mirakl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.mirakl.connect.client.ApiClient;
import com.mirakl.connect.client.ApiException;
import com.mirakl.connect.client.api.OrdersApi;
import com.mirakl.connect.client.api.OrdersApi.APIV2CancelOrderLinesRequest;
import com.mirakl.connect.client.model.ActionResponse;
import com.mirakl.connect.client.model.CancelOrderLinesRequest;
import com.mirakl.connect.client.model.CancelRequest;
import com.mirakl.connect.client.model.CanceledTaxRequest;
import com.mirakl.connect.client.model.Money;
import com.mirakl.connect.client.model.OrderLineResponse;
import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures.Party;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Drives the dialect with the client generated at build time from Mirakl Connect's own OpenAPI
 * file, changed in nothing but its base URL and its token; every response it receives is checked
 * against that file.
 */
class MiraklClientTest extends ApiTest {

    private OrdersApi client(Party party) {
        var form = "grant_type=client_credentials&client_id=" + party.id() + "&client_secret=" + party.key();
        var token = api.request("POST", "/mirakl/oauth/token")
                .raw("application/x-www-form-urlencoded", form)
                .send()
                .json()
                .get("access_token")
                .asString();
        var apiClient = new ApiClient() {
            @Override
            public HttpClient getHttpClient() {
                return new ContractCheckingHttpClient(super.getHttpClient());
            }
        };
        apiClient.updateBaseUri("http://localhost:" + port);
        apiClient.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return new OrdersApi(apiClient);
    }

    private static Money eur(String amount) {
        return new Money().amount(new BigDecimal(amount)).currency("EUR");
    }

    private static ActionResponse finished(OrdersApi orders, String actionId) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> orders.v2GetActionStatus(actionId), action -> !"PENDING".equals(action.getStatus()));
    }

    private static APIV2CancelOrderLinesRequest cancel(String orderId, CancelRequest... cancelations) {
        return APIV2CancelOrderLinesRequest.newBuilder()
                .orderId(orderId)
                .cancelOrderLinesRequest(new CancelOrderLinesRequest().cancelations(List.of(cancelations)))
                .build();
    }

    @Test
    void aGeneratedClientListsCancelsAndFollowsTheAction() throws ApiException {
        var trade = given.trade();
        var orderId = given.anOrder(trade)
                .withLine(
                        5,
                        "8.00",
                        Map.of("taxes", List.of(Map.of("code", "VAT", "amount", 8.00)), "shippingPrice", 5.00))
                .place()
                .get("id")
                .asString();
        var orders = client(trade.seller());

        var page = orders.v2ListOrders(List.of(orderId), null, null, null, null, 10);
        assertThat(page.getData()).hasSize(1);
        OrderLineResponse line = page.getData().getFirst().getOrderLines().getFirst();
        assertThat(line.getCanCancel()).isTrue();
        assertThat(line.getQuantity()).isEqualTo(5);

        var accepted = orders.v2CancelOrderLines(cancel(
                orderId,
                new CancelRequest()
                        .orderLineId(line.getId())
                        .productId(line.getProduct().getId())
                        .quantity(2)
                        .reason("DEFECT")
                        .price(eur("16.00"))
                        .shippingPrice(eur("2.00"))
                        .taxes(List.of(new CanceledTaxRequest().code("VAT").amount(eur("3.20"))))));
        assertThat(accepted.getTrackingId()).isEqualTo(accepted.getActionId());

        var action = finished(orders, accepted.getActionId());
        assertThat(action.getStatus()).isEqualTo("SUCCESS");
        assertThat(orders.v2GetOrderTracking(accepted.getTrackingId()).getStatus())
                .isEqualTo("SUCCESS");
        var after = orders.v2ListOrders(List.of(orderId), null, null, null, null, null)
                .getData()
                .getFirst()
                .getOrderLines()
                .getFirst();
        assertThat(after.getQuantity()).isEqualTo(3);
        assertThat(after.getPrice().getAmount()).isEqualByComparingTo("24.00");
        assertThat(after.getTotalShippingPrice().getAmount()).isEqualByComparingTo("3.00");
        assertThat(after.getAdjustments()).singleElement().satisfies(adjustment -> {
            assertThat(adjustment.getType()).isEqualTo("CANCELATION");
            assertThat(adjustment.getReason()).isEqualTo("DEFECT");
            assertThat(adjustment.getQuantity()).isEqualTo(2);
            assertThat(adjustment.getTaxes().getFirst().getAmount().getAmount()).isEqualByComparingTo("3.20");
        });
    }

    @Test
    void refusalsAndErrorsReachTheGeneratedClientInMiraklsShapes() throws ApiException {
        var trade = given.trade();
        var order = given.anOrder(trade).withLine(1, "3.00").place();
        var orderId = order.get("id").asString();
        var lineId = order.at("/lines/0/id").asString();
        var orders = client(trade.buyer());
        var whole = new CancelRequest()
                .orderLineId(lineId)
                .quantity(1)
                .reason("CUSTOMER_CANCELATION")
                .price(eur("3.00"))
                .shippingPrice(eur("0"));

        assertThat(finished(
                                orders,
                                orders.v2CancelOrderLines(cancel(orderId, whole))
                                        .getActionId())
                        .getStatus())
                .isEqualTo("SUCCESS");
        var again = finished(
                orders, orders.v2CancelOrderLines(cancel(orderId, whole)).getActionId());
        assertThat(again.getStatus()).isEqualTo("FAILED");
        assertThat(again.getErrors())
                .singleElement()
                .satisfies(error -> assertThat(error.getCode()).isEqualTo("ORDER_IN_WRONG_STATE"));

        var unknownOrder = catchThrowableOfType(
                ApiException.class,
                () -> orders.v2CancelOrderLines(
                        cancel(java.util.UUID.randomUUID().toString(), whole)));
        assertThat(unknownOrder.getCode()).isEqualTo(404);
        assertThat(unknownOrder.getResponseBody()).contains("DATA_NOT_FOUND");

        var unnamed = catchThrowableOfType(
                ApiException.class,
                () -> orders.v2CancelOrderLines(cancel(
                        orderId,
                        new CancelRequest()
                                .quantity(1)
                                .reason("AGREEMENT")
                                .price(eur("1"))
                                .shippingPrice(eur("0")))));
        assertThat(unnamed.getCode()).isEqualTo(400);
        assertThat(unnamed.getResponseBody()).contains("$.cancelations[0]");

        var missingAction =
                catchThrowableOfType(ApiException.class, () -> orders.v2GetActionStatus("1ba5fc4b-c4fd-4251"));
        assertThat(missingAction.getCode()).isEqualTo(404);
    }
}
