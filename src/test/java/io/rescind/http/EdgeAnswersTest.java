package io.rescind.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests Tomcat or the security firewall refuse before any of Rescind's code runs are answered in
 * the shape of the API their path belongs to, never with an HTML page (each answer is also checked
 * against the API's OpenAPI document by the test client).
 */
class EdgeAnswersTest extends ApiTest {

    /** Each API: a path of it, and the member its error body always has. */
    @ParameterizedTest
    @CsvSource({
        "/api/v1/orders/a%2Fb, type",
        "/purchase/info, message",
        "/v3/ca/orders/a%2Fb, errors",
        "/orders/a%2Fb/, detail",
        "/v2/orders/actions/a%2Fb, code",
        "/api/v2/orders/actions/a%2Fb, code",
        "/v2/order/a%2Fb, message"
    })
    void anEncodedSlashInThePathIsRefusedInTheApisShape(String path, String member) {
        var target = path.contains("%2F") ? path : path + "/a%2Fb";
        var response = api.raw("GET", target, Map.of());

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).doesNotContain("html");
        assertThat(response.json().has(member)).as(response.toString()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "/api/v1/orders, type",
        "/purchase/info, message",
        "/v3/ca/orders, error",
        "/orders/cancel/, detail",
        "/v2/orders, code",
        "/v2/order/x, message"
    })
    void aHugeHeaderIsRefusedInTheApisShape(String path, String member) {
        var huge = api.raw("GET", path, Map.of("X-Padding", "x".repeat(20 * 1024)));

        assertThat(huge.status()).as(huge.toString()).isEqualTo(400);
        assertThat(huge.header("Content-Type")).doesNotContain("html");
        assertThat(huge.json().has(member) || huge.json().has("errors"))
                .as(huge.toString())
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource({"/api/v1/orders", "/purchase/info", "/v3/ca/orders", "/orders/cancel/", "/v2/orders", "/v2/order/x"})
    void unencodedBracketsInTheQueryReachTheApi(String path) {
        var brackets = api.raw("GET", path + "?ids[]=1", Map.of());

        assertThat(brackets.status()).as(brackets.toString()).isBetween(200, 499);
        assertThat(brackets.header("Content-Type")).doesNotContain("html");
    }

    @Test
    void bracketsAreRefusedAsAnUnknownParameterOnTheCanonicalApi() {
        var response = api.raw("GET", "/api/v1/orders?ids[]=1", Map.of("Authorization", "Bearer " + OPERATOR_KEY));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/unknown-query-parameter");
    }

    /** A request line Tomcat cannot read names no path, so no API: Problem Details, still not HTML. */
    @Test
    void anUnreadableRequestLineIsProblemDetails() {
        // Unchecked: no path was read, so the answer is outside every API's document by nature.
        var response = api.raw("GET", "/v3/ca/orders?a{b}=1", Map.of(), false);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/bad-request");
    }

    @ParameterizedTest
    @CsvSource({"/orders/items/cancel//", "/timp/orders/items/cancel//"})
    void anEmptyCruxItemUuidIs422InCruxsShape(String path) {
        var response = api.raw("DELETE", path, Map.of("Authorization", "Token " + OPERATOR_KEY));

        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        assertThat(response.json().get("detail").asString()).contains("UUID");
    }
}
