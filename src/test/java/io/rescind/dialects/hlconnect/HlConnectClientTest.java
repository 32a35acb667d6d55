package io.rescind.dialects.hlconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hlconnect.client.ApiClient;
import hlconnect.client.ApiException;
import hlconnect.client.api.HealthApi;
import hlconnect.client.api.PurchaseCancelApi;
import hlconnect.client.api.PurchaseInfoApi;
import hlconnect.client.model.ErrorResponse;
import io.rescind.support.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Java client generated at build time from Rescind's own hlconnect OpenAPI document (see the
 * openapi-generator plugin in pom.xml) talks to Rescind as HL Connect's clients do.
 */
class HlConnectClientTest extends ApiTest {

    private ApiClient client(String key) {
        var client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + key));
        return client;
    }

    @Test
    void theGeneratedClientHasTheSeedsCancelOperation() throws NoSuchMethodException {
        // connector_purchase_cancel(order_id, order_line_id) in the seed's Python.
        var cancel = PurchaseCancelApi.class.getMethod("connectorPurchaseCancel", Long.class, Integer.class);

        assertThat(cancel.getReturnType()).isEqualTo(void.class);
        assertThat(cancel.getExceptionTypes()).containsExactly(ApiException.class);
    }

    @Test
    void theGeneratedClientCancelsALineAndSeesItCancelled() throws ApiException {
        var trade = given.trade();
        var order = given.anOrder(trade)
                .withLine(1, "3.99", Map.of("productId", "1499"))
                .withLine(2, "1.50")
                .place();
        long number = order.get("number").asLong();
        var client = client(trade.buyer().key());
        var cancelApi = new PurchaseCancelApi(client);

        var response = cancelApi.connectorPurchaseCancelWithHttpInfo(number, 1);

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getHeaders().get("X-Environment")).containsExactly("production");
        var items = new PurchaseInfoApi(client).connectorPurchaseInfo(number);
        assertThat(items).hasSize(2);
        assertThat(items.get(0).getOrderLineId()).isEqualTo(1);
        assertThat(items.get(0).getAssetId()).isEqualTo(1499L);
        assertThat(items.get(0).getStatus()).isEqualTo("CANCELLED");
        assertThat(items.get(1).getStatus()).isEqualTo("PROCESSING");

        assertThatThrownBy(() -> cancelApi.connectorPurchaseCancel(number, 1))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.getCode()).isEqualTo(400);
                    var error = read(client, refused.getResponseBody());
                    assertThat(error.getName()).isEqualTo("InvalidOrderStatus");
                    assertThat(error.getMessage()).startsWith("Invalid order status for cancellation");
                    assertThat(error.getStatus()).isEqualByComparingTo("400");
                });
    }

    @Test
    void theGeneratedClientSeesHlConnectsErrorsAndHealth() throws ApiException {
        var stranger = client("rk_not_a_key");

        assertThatThrownBy(() -> new PurchaseCancelApi(stranger).connectorPurchaseCancel(1L, 1))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.getCode()).isEqualTo(401);
                    assertThat(read(stranger, refused.getResponseBody()).getName())
                            .isEqualTo("Unauthorized");
                });
        assertThatThrownBy(() ->
                        new PurchaseInfoApi(client(given.party("BUYER").key())).connectorPurchaseInfo(999_999_999_999L))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        missing -> assertThat(missing.getCode()).isEqualTo(404));
        assertThat(new HealthApi(client("unused")).health()).isNotEmpty();
    }

    private static ErrorResponse read(ApiClient client, String body) {
        try {
            return client.getObjectMapper().readValue(body, ErrorResponse.class);
        } catch (Exception e) {
            throw new AssertionError("Not an ErrorResponse: " + body, e);
        }
    }
}
