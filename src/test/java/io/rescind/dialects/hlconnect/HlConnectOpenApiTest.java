package io.rescind.dialects.hlconnect;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springdoc.webmvc.api.MultipleOpenApiWebMvcResource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import tools.jackson.databind.JsonNode;

/**
 * The dialect's OpenAPI document is written by hand to match HL Connect's; these tests keep it
 * honest: it describes HL Connect's call as the seed does, and it agrees with what springdoc
 * derives from the controllers, so document and code cannot drift apart.
 */
class HlConnectOpenApiTest extends ApiTest {

    @Autowired
    private MultipleOpenApiWebMvcResource springdoc;

    private JsonNode served() {
        var response = api.get("/v3/api-docs/hlconnect", null);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    @Test
    void theDocumentDescribesHlConnectsCancelCall() {
        var doc = served();

        assertThat(doc.at("/servers/0/url").asString()).isEqualTo("http://localhost:" + port);
        assertThat(doc.get("paths").propertyNames())
                .containsExactlyInAnyOrder("/purchase/cancel", "/purchase/info", "/health");
        var cancel = doc.at("/paths/~1purchase~1cancel/delete");
        assertThat(cancel.get("operationId").asString()).isEqualTo("connector_purchase_cancel");
        assertThat(cancel.at("/tags/0").asString()).isEqualTo("PurchaseCancel");
        assertThat(parameters(cancel))
                .containsExactly("order_id|query|true|integer|int64|1", "order_line_id|query|true|integer|int32|1");
        assertThat(cancel.get("responses").propertyNames())
                .containsExactly("201", "400", "401", "404", "406", "429", "500", "503");
        assertThat(cancel.at("/responses/201").has("content")).isFalse();
        assertThat(cancel.at("/responses/201/headers").has("X-Environment")).isTrue();
        assertThat(doc.at("/components/securitySchemes/access_token/scheme").asString())
                .isEqualTo("bearer");
        assertThat(doc.at("/security/0").has("access_token")).isTrue();
        assertThat(doc.at("/paths/~1health/get/security").isEmpty())
                .as("health is public")
                .isTrue();
        assertThat(doc.at("/components/schemas/ErrorResponse/properties").propertyNames())
                .containsExactly("name", "message", "code", "status");
        assertThat(doc.at("/components/schemas/OrderItem/properties").propertyNames())
                .containsExactly(
                        "order_id",
                        "order_line_id",
                        "asset_id",
                        "customer",
                        "unit_price",
                        "line_item_price",
                        "quantity",
                        "country_code",
                        "download_url",
                        "view_url",
                        "status");
    }

    @Test
    void theDocumentAgreesWithWhatSpringdocDerivesFromTheControllers() throws Exception {
        var doc = served();
        var derived = derived();

        for (var path : doc.get("paths").propertyNames()) {
            for (var method : doc.get("paths").get(path).propertyNames()) {
                var written = doc.get("paths").get(path).get(method);
                var fromCode = derived.path("paths").path(path).path(method);
                var what = method.toUpperCase() + " " + path;
                assertThat(fromCode.isMissingNode()).as(what + " is served").isFalse();
                assertThat(fromCode.get("operationId").asString())
                        .as(what)
                        .isEqualTo(written.get("operationId").asString());
                assertThat(parameters(fromCode)).as(what).isEqualTo(parameters(written));
                var success = written.get("responses").propertyNames().stream()
                        .filter(code -> code.startsWith("2"))
                        .findFirst()
                        .orElseThrow();
                assertThat(fromCode.get("responses").has(success))
                        .as(what + " answers " + success)
                        .isTrue();
            }
        }
        assertThat(derived.get("paths").propertyNames())
                .as("the fallback and the document itself stay out of the derived document")
                .doesNotContain("/purchase/**", "/v3/api-docs/hlconnect");
    }

    /**
     * What springdoc derives from the controllers for the hlconnect group; over HTTP the same URL
     * serves the hand-written document, so it is asked from springdoc's resource directly.
     */
    private JsonNode derived() throws Exception {
        var request = new MockHttpServletRequest("GET", "/v3/api-docs/" + HlConnectGroup.GROUP);
        request.setServerPort(port);
        var bytes = springdoc.openapiJson(request, "/v3/api-docs", HlConnectGroup.GROUP, Locale.ROOT);
        return Api.JSON.readTree(bytes);
    }

    /** Each parameter as name|in|required|type|format|minimum, in order. */
    private static Set<String> parameters(JsonNode operation) {
        var result = new TreeSet<String>();
        operation
                .path("parameters")
                .forEach(parameter -> result.add(String.join(
                        "|",
                        parameter.get("name").asString(),
                        parameter.get("in").asString(),
                        String.valueOf(parameter.path("required").asBoolean(false)),
                        parameter.at("/schema/type").asString(""),
                        parameter.at("/schema/format").asString(""),
                        parameter.at("/schema/minimum").asString(""))));
        return result;
    }
}
