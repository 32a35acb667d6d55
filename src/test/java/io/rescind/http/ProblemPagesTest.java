package io.rescind.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.ApiTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A problem's {@code type} URI resolves to a page explaining it, written from docs/problems.md. */
class ProblemPagesTest extends ApiTest {

    @Test
    void theTypeOfARealProblemResolvesToItsPage() {
        var problem = api.get("/api/v1/orders/" + UUID.randomUUID(), OPERATOR_KEY);
        var type = problem.json().get("type").asString();
        assertThat(type).isEqualTo("/problems/not-found");

        var page = api.get(type, null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.text()).contains("/problems/not-found").contains("404").contains("no such order");
    }

    @Test
    void everyTypeIsListedOnOnePageAndAnUnknownOneIs404() {
        var all = api.get("/problems", null);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.text())
                .contains("id=\"quantity-exceeds-open\"")
                .contains("id=\"invalid-quantity\"")
                .contains("id=\"unknown-query-parameter\"");

        assertThat(api.get("/problems/no-such-thing", null).status()).isEqualTo(404);
    }
}
