package io.rescind;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.Api;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service as the README's quick start runs it — started by the build from its runtime
 * classpath, on an embedded PostgreSQL of its own — answers: a dependency missing at runtime, or
 * a start that only works under the test classpath, fails here.
 */
class QuickStartIT {

    private final Api api = new Api(Integer.getInteger("smoke.port"));

    @Test
    void theServiceStartsAndServesItsApi() {
        assertThat(api.get("/actuator/health", null).json().get("status").asString())
                .isEqualTo("UP");
        assertThat(api.get("/v3/api-docs", null).status()).isEqualTo(200);
        assertThat(api.get("/v3/api-docs/hlconnect", null).status()).isEqualTo(200);
        var buyer = api.post("/api/v1/parties", "rk_smoke_test_operator", Map.of("name", "Smoke", "role", "BUYER"));
        assertThat(buyer.status()).isEqualTo(201);
        assertThat(api.get("/api/v1/me", buyer.json().get("apiKey").asString()).status())
                .isEqualTo(200);
    }
}
