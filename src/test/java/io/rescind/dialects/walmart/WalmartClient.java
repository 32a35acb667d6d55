package io.rescind.dialects.walmart;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * A seller's Walmart integration as the SDKs build it: six WM_* headers and an RSA signature
 * over the full URL, made with the seller's own private key.
 */
final class WalmartClient {

    static final KeyPair KEYS = generate();

    final Api api;
    final int port;
    final Fixtures.Party seller;
    final String consumerId = "consumer-" + UUID.randomUUID();
    final String channelType = UUID.randomUUID().toString();
    final String clientId;
    final String clientSecret;

    WalmartClient(Api api, int port, Fixtures.Party seller) {
        this.api = api;
        this.port = port;
        this.seller = seller;
        var registered = api.post(
                "/api/v1/consumers",
                seller.key(),
                Map.of(
                        "consumerId", consumerId,
                        "channelType", channelType,
                        "publicKey",
                                Base64.getEncoder()
                                        .encodeToString(KEYS.getPublic().getEncoded())));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        clientId = registered.json().at("/consumer/clientId").asString();
        clientSecret = registered.json().get("clientSecret").asString();
        assertThat(ApiTest.OPERATOR_KEY).isNotBlank();
    }

    /** A request signed now. */
    private static final java.util.concurrent.atomic.AtomicLong CLOCK = new java.util.concurrent.atomic.AtomicLong();

    Api.Request signed(String method, String pathAndQuery) {
        // One millisecond apart at least: the same URL signed twice in one millisecond would be one
        // signature, and a signature is accepted once.
        return signedAt(
                method, pathAndQuery, CLOCK.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis())));
    }

    Api.Request signedAt(String method, String pathAndQuery, long timestamp) {
        var request = api.request(method, pathAndQuery);
        headers(method, pathAndQuery, timestamp).forEach(request::header);
        return request;
    }

    /** The six WM_* headers of a request signed at {@code timestamp}. */
    Map<String, String> headers(String method, String pathAndQuery, long timestamp) {
        var url = "http://localhost:" + port + pathAndQuery;
        var text = consumerId + "\n" + url + "\n" + method + "\n" + timestamp + "\n";
        var headers = new java.util.LinkedHashMap<String, String>();
        headers.put("WM_SVC.NAME", "Walmart Marketplace");
        headers.put("WM_QOS.CORRELATION_ID", UUID.randomUUID().toString());
        headers.put("WM_SEC.TIMESTAMP", String.valueOf(timestamp));
        headers.put("WM_SEC.AUTH_SIGNATURE", sign(KEYS.getPrivate(), text));
        headers.put("WM_CONSUMER.ID", consumerId);
        headers.put("WM_CONSUMER.CHANNEL.TYPE", channelType);
        return headers;
    }

    static String sign(PrivateKey key, String text) {
        try {
            var signer = java.security.Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
