package io.rescind.parties;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartiesApiTest extends ApiTest {

    @Test
    void anOperatorCreatesAPartyWhoseKeyWorksAtOnce() {
        var created = api.post("/api/v1/parties", OPERATOR_KEY, Map.of("name", "Acme Retail", "role", "BUYER"));
        assertThat(created.status()).isEqualTo(201);
        var key = created.json().get("apiKey").asString();
        var me = api.get("/api/v1/me", key);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("name").asString()).isEqualTo("Acme Retail");
        assertThat(me.json().get("role").asString()).isEqualTo("BUYER");
    }

    @Test
    void keysAreStoredHashedNeverInClear() {
        var key = given.party("SELLER").key();
        var stored = jdbc.sql("select count(*) from api_keys where key_hash = :key")
                .param("key", key)
                .query(Long.class)
                .single();
        assertThat(stored).isZero();
    }

    @Test
    void aSecondKeyCanBeIssuedForAParty() {
        var seller = given.party("SELLER");
        var issued = api.post("/api/v1/parties/" + seller.id() + "/api-keys", OPERATOR_KEY, Map.of());
        assertThat(issued.status()).isEqualTo(201);
        assertThat(api.get("/api/v1/me", issued.json().get("apiKey").asString())
                        .json()
                        .get("id")
                        .asString())
                .isEqualTo(seller.id().toString());
    }

    @Test
    void onlyOperatorsManageParties() {
        var buyer = given.party("BUYER");
        var refused = api.post("/api/v1/parties", buyer.key(), Map.of("name", "Sneaky", "role", "OPERATOR"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/forbidden");
    }

    @Test
    void aMissingOrWrongKeyIs401WithAProblem() {
        var missing = api.get("/api/v1/me", null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer");
        var wrong = api.get("/api/v1/me", "rk_not_a_key");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("detail").asString()).contains("not valid");
    }

    @Test
    void aPartyNeedsANameAndAKnownRole() {
        var response = api.post("/api/v1/parties", OPERATOR_KEY, Map.of("name", "X", "role", "KING"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/malformed-request");
        var blank = api.post("/api/v1/parties", OPERATOR_KEY, Map.of("name", " ", "role", "BUYER"));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().at("/errors/0/field").asString()).isEqualTo("name");
    }
}
