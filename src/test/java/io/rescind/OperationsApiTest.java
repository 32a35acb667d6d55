package io.rescind;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.ApiTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What operators and tools read without a key: health, metrics, the API description. */
class OperationsApiTest extends ApiTest {

    @Test
    void healthIsUpWithTheDatabase() {
        var health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void infoIsPublicAndNamesTheVersionAndTheCommit() {
        var info = api.get("/actuator/info", null);
        assertThat(info.status()).as(info.toString()).isEqualTo(200);
        assertThat(info.json().get("build").get("version").asString()).isNotBlank();
        assertThat(info.json().get("build").get("artifact").asString()).isEqualTo("rescind");
        assertThat(info.json().get("git").get("commit").get("id").asString()).matches("[0-9a-f]{7,40}");
    }

    @Test
    void prometheusMetricsIncludeHttpAndPoolFigures() {
        api.get("/api/v1/me", OPERATOR_KEY);
        var metrics = api.get("/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("http_server_requests_seconds").contains("hikaricp_connections");
    }

    @Test
    void theOpenApiDocumentDescribesTheCanonicalApi() {
        var doc = api.get("/v3/api-docs", null);
        assertThat(doc.status()).as(doc.toString()).isEqualTo(200);
        var paths = doc.json().get("paths");
        assertThat(paths.has("/api/v1/orders/{orderId}/cancellations")).isTrue();
        assertThat(paths.has("/api/v1/orders")).isTrue();
        assertThat(paths.propertyNames()).allMatch(path -> path.startsWith("/api/v1/"));
        assertThat(doc.json().at("/info/title").asString()).isEqualTo("Rescind API");
        assertThat(doc.json().at("/components/securitySchemes/apiKey/scheme").asString())
                .isEqualTo("bearer");
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }

    @Test
    void swaggerUiListsOneDocumentPerApi() throws IOException {
        var config = api.get("/v3/api-docs/swagger-config", null).json();
        var urls = new java.util.ArrayList<String>();
        config.get("urls").forEach(url -> urls.add(url.get("url").asString()));
        assertThat(urls)
                .containsExactlyInAnyOrder(
                        "/v3/api-docs/canonical",
                        "/v3/api-docs/hlconnect",
                        "/v3/api-docs/walmart-ca",
                        "/v3/api-docs/crux",
                        "/v3/api-docs/mirakl",
                        "/v3/api-docs/tradecloud");
        for (var url : urls) {
            var doc = api.get(url, null);
            assertThat(doc.status()).as(url).isEqualTo(200);
            // As served, for the lint that `./mvnw verify` runs after the tests (redocly.yaml).
            var file = Path.of("target/openapi", url.substring(url.lastIndexOf('/') + 1) + ".json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, doc.text());
            assertThat(doc.json().at("/info/title").asString()).as(url).startsWith("Rescind");
            assertThat(doc.json().at("/components/securitySchemes").isEmpty())
                    .as(url + " names its security scheme")
                    .isFalse();
            doc.json().get("paths").properties().forEach(path -> {
                assertThat(path.getKey()).as(url + ": no catch-all").doesNotContain("**");
                path.getValue()
                        .properties()
                        .forEach(operation -> assertThat(
                                        operation.getValue().path("summary").asString(""))
                                .as(url + " " + operation.getKey() + " " + path.getKey() + " has a summary")
                                .isNotBlank());
            });
        }
    }
}
