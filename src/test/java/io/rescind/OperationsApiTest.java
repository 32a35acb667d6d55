package io.rescind;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.ApiTest;
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
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }
}
