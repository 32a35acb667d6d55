package io.rescind.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The published Walmart signature test vector (a public, fake key from open-source test suites). */
class SignatureTest {

    static final String PRIVATE_KEY =
            "MIICdgIBADANBgkqhkiG9w0BAQEFAASCAmAwggJcAgEAAoGBAKzXEfCYdnBNkKAwVbCpg/tR40WixoZtiuEviSEi4+LdnYAAPy57Qw6+9eqJGTh9iCB2wP/I8lWh5TZ49Hq/chjTCPeJiOqi6bvX1xzyBlSq2ElSY3iEVKeVoQG/5f9MYQLEj5/vfTWSNASsMwnNeBbbHcV1S1aY9tOsXCzRuxapAgMBAAECgYBjkM1j1OA9l2Ed9loWl8BQ8X5D6h4E6Gudhx2uugOe9904FGxRIW6iuvy869dchGv7j41ki+SV0dpRw+HKKCjYE6STKpe0YwIm/tml54aNDQ0vQvF8JWILca1a7v3Go6chf3Ib6JPs6KVsUuNo+Yd+jKR9GAKgnDeXS6NZlTBUAQJBANex815VAySumJ/n8xR+h/dZ2V5qGj6wu3Gsdw6eNYKQn3I8AGQw8N4yzDUoFnrQxqDmP3LOyr3/zgOMNTdszIECQQDNIxiZOVl3/Sjyxy9WHMk5qNfSf5iODynv1OlTG+eWao0Wj/NdfLb4pwxRsf4XZFZ1SQNkbNne7+tEO8FTG1YpAkAwNMY2g/ty3E6iFl3ea7UJlBwfnMkGz8rkye3F55f/+UCZcE2KFuIOVv4Kt03m3vg1h6AQkaUAN8acRl6yZ2+BAkEAke2eiRmYANiR8asqjGqr5x2qcm8ceiplXdwrI1kddQ5VUbCTonSewOIszEz/gWp6arLG/ADHOGWaCo8rptAyiQJACXd1ddXUAKs6x3l752tSH8dOde8nDBgF86NGvgUnBiAPPTmJHuhWrmOZmNaB68PsltEiiFwWByGFV+ld9VKmKg==";

    static final String CONSUMER_ID = "f3aead96-d681-41c9-9b81-bb4facacd8f0";
    static final String URL =
            "https://developer.walmart.com/proxy/item-api-doc-app/rest/v3/feeds?includeDetails=false&offset=0&limit=50";
    static final String TIMESTAMP = "1502165720641";
    static final String EXPECTED =
            "joVK3ddX6Fso7adAjuT1FIX5D5So8ue1Am4MwY8ncsP7zLBtnwMYiveyfQeqGm2+GQbtfOy5LvCkzUeEchLznJFZzF7vJaTHhENrDsRIzjPsgJYpRO8FgdfgSLUhO7v0skjHezMxuJr9ROWia900LOZ6QU+u/LvoChbxxZye9GE=";

    /** The public half of the test key, as a seller would register it (Base64 X.509). */
    static String publicKey() throws Exception {
        var factory = KeyFactory.getInstance("RSA");
        var privateKey = (RSAPrivateCrtKey) factory.generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(PRIVATE_KEY)));
        var publicKey =
                factory.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    @Test
    void theStringToSignEndsEveryLineWithANewline() {
        assertThat(Signature.stringToSign(CONSUMER_ID, URL, "get", TIMESTAMP))
                .isEqualTo(CONSUMER_ID + "\n" + URL + "\nGET\n" + TIMESTAMP + "\n");
    }

    @Test
    void thePublishedTestVectorVerifies() throws Exception {
        var key = Signature.publicKey(publicKey()).orElseThrow();

        assertThat(Signature.verifies(key, Signature.stringToSign(CONSUMER_ID, URL, "GET", TIMESTAMP), EXPECTED))
                .isTrue();
    }

    @Test
    void anyChangeToTheSignedRequestBreaksTheSignature() throws Exception {
        var key = Signature.publicKey(publicKey()).orElseThrow();

        assertThat(Signature.verifies(key, Signature.stringToSign(CONSUMER_ID, URL, "POST", TIMESTAMP), EXPECTED))
                .isFalse();
        assertThat(Signature.verifies(
                        key, Signature.stringToSign(CONSUMER_ID, URL + "&x=1", "GET", TIMESTAMP), EXPECTED))
                .isFalse();
        assertThat(Signature.verifies(key, Signature.stringToSign(CONSUMER_ID, URL, "GET", "1502165720642"), EXPECTED))
                .isFalse();
        assertThat(Signature.verifies(key, Signature.stringToSign(CONSUMER_ID, URL, "GET", TIMESTAMP), "bm90IGl0"))
                .isFalse();
        assertThat(Signature.verifies(key, Signature.stringToSign(CONSUMER_ID, URL, "GET", TIMESTAMP), "%%%"))
                .isFalse();
    }

    @Test
    void publicKeysAreReadWithOrWithoutPemArmour() throws Exception {
        var base64 = publicKey();
        var pem =
                "-----BEGIN PUBLIC KEY-----\n" + base64.replaceAll("(.{64})", "$1\n") + "\n-----END PUBLIC KEY-----\n";

        assertThat(Signature.publicKey(pem))
                .get()
                .extracting(RSAPublicKey::getModulus)
                .isEqualTo(Signature.publicKey(base64).orElseThrow().getModulus());
        assertThat(Signature.publicKey("not a key")).isEmpty();
    }
}
