package io.rescind.dialects.walmart;

import static io.rescind.dialects.walmart.WalmartErrorsTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.ApiTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The token flow and the registration of consumers. */
class WalmartTokenTest extends ApiTest {

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTokenBoughtWithTheClientSecretIsAcceptedAsAccessToken() {
        var trade = given.trade();
        var walmart = new WalmartClient(api, port, trade.seller());
        var order = given.anOrder(trade).withLine(1, "1.00").place();

        var token = api.request("POST", "/v3/token")
                .header("Authorization", basic(walmart.clientId, walmart.clientSecret))
                .header("WM_SVC.NAME", "Walmart Marketplace")
                .header("WM_QOS.CORRELATION_ID", "t-1")
                .raw("application/x-www-form-urlencoded", "grant_type=client_credentials")
                .send();

        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        assertThat(token.json().get("token_type").asString()).isEqualTo("Bearer");
        assertThat(token.json().get("expires_in").asLong()).isEqualTo(900);
        var accessToken = token.json().get("access_token").asString();

        var read = api.request("GET", "/v3/ca/orders/" + order.get("number").asLong())
                .header("WM_SEC.ACCESS_TOKEN", accessToken)
                .header("WM_SVC.NAME", "Walmart Marketplace")
                .header("WM_QOS.CORRELATION_ID", "t-2")
                .send();
        assertThat(read.status()).as(read.toString()).isEqualTo(200);

        var forged = api.request("GET", "/v3/ca/orders/" + order.get("number").asLong())
                .header("WM_SEC.ACCESS_TOKEN", accessToken + "x")
                .header("WM_SVC.NAME", "Walmart Marketplace")
                .header("WM_QOS.CORRELATION_ID", "t-3")
                .send();
        assertError(forged, 401, "UNAUTHORIZED", null);
    }

    @Test
    void theTokenComesAsXmlToXmlClients() {
        var walmart = new WalmartClient(api, port, given.party("SELLER"));

        var token = api.request("POST", "/v3/token")
                .header("Authorization", basic(walmart.clientId, walmart.clientSecret))
                .header("Accept", "application/xml")
                .raw("application/x-www-form-urlencoded", "grant_type=client_credentials")
                .send();

        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        var parsed = Xml.parse(token.text());
        assertThat(parsed.root()).isEqualTo("OAuthTokenDTO");
        assertThat(Xml.at(parsed.content(), "expiresIn")).isEqualTo("900");
    }

    @Test
    void wrongSecretsAndGrantTypesAreRefused() {
        var walmart = new WalmartClient(api, port, given.party("SELLER"));

        var wrong = api.request("POST", "/v3/token")
                .header("Authorization", basic(walmart.clientId, "guess"))
                .header("Accept", "application/xml")
                .raw("application/x-www-form-urlencoded", "grant_type=client_credentials")
                .send();
        assertError(wrong, 401, "UNAUTHORIZED", null);

        var grant = api.request("POST", "/v3/token")
                .header("Authorization", basic(walmart.clientId, walmart.clientSecret))
                .header("Accept", "application/xml")
                .raw("application/x-www-form-urlencoded", "grant_type=password")
                .send();
        assertError(grant, 400, "INVALID_REQUEST_PARAM", "grant_type");

        var none = api.request("POST", "/v3/token")
                .header("Accept", "application/xml")
                .raw("application/x-www-form-urlencoded", "")
                .send();
        assertError(none, 400, "MISSING_REQUEST_PARAM", "grant_type");
    }

    @Test
    void consumersAreRegisteredForSellersOnlyWithAUsableKeyAndAFreeId() {
        var seller = given.party("SELLER");
        var buyer = given.party("BUYER");
        var walmart = new WalmartClient(api, port, seller);
        var key = Base64.getEncoder()
                .encodeToString(WalmartClient.KEYS.getPublic().getEncoded());

        var taken = api.post(
                "/api/v1/consumers",
                seller.key(),
                Map.of("consumerId", walmart.consumerId, "channelType", "c", "publicKey", key));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("type").asString()).isEqualTo("/problems/consumer-id-taken");

        var notAKey = api.post(
                "/api/v1/consumers",
                seller.key(),
                Map.of("consumerId", "k-" + seller.id(), "channelType", "c", "publicKey", "abc"));
        assertThat(notAKey.status()).isEqualTo(422);
        assertThat(notAKey.json().get("type").asString()).isEqualTo("/problems/invalid-public-key");

        var byBuyer = api.post(
                "/api/v1/consumers",
                buyer.key(),
                Map.of("consumerId", "b-" + buyer.id(), "channelType", "c", "publicKey", key));
        assertThat(byBuyer.status()).isEqualTo(403);

        var byOperator = api.post(
                "/api/v1/consumers",
                OPERATOR_KEY,
                Map.of("partyId", seller.id(), "consumerId", "o-" + seller.id(), "channelType", "c", "publicKey", key));
        assertThat(byOperator.status()).as(byOperator.toString()).isEqualTo(201);
        assertThat(byOperator.json().at("/consumer/partyId").asString())
                .isEqualTo(seller.id().toString());

        var forBuyer = api.post(
                "/api/v1/consumers",
                OPERATOR_KEY,
                Map.of("partyId", buyer.id(), "consumerId", "ob-" + buyer.id(), "channelType", "c", "publicKey", key));
        assertThat(forBuyer.status()).isEqualTo(422);

        var listed = api.get("/api/v1/consumers", seller.key()).json();
        assertThat(listed.size()).isEqualTo(2);
        assertThat(listed.toString()).doesNotContain("clientSecret").doesNotContain(key);
    }
}
