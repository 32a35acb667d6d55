package io.rescind.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published Walmart signature test vector (a public, fake key from open-source test suites),
 * read from shared/ beside the repository, where it is kept as published; the tests that need it
 * are skipped where that folder is absent (a lone clone).
 */
class SignatureTest {

    private static final Path VECTOR = Path.of("../shared/reference/vendors/walmart/signature_test_vector.txt")
            .toAbsolutePath()
            .normalize();

    private static Map<String, String> vector;

    @BeforeAll
    static void readTheVector() throws IOException {
        assumeTrue(Files.isReadable(VECTOR), "The test vector is not at " + VECTOR);
        vector = new HashMap<>();
        var lines = Files.readAllLines(VECTOR);
        for (int i = 0; i < lines.size(); i++) {
            var line = lines.get(i);
            var field = line.split("\\s*:\\s*", 2);
            if (field.length == 2
                    && List.of("consumerId", "url", "method", "timestamp").contains(field[0].strip())) {
                vector.put(field[0].strip(), field[1].strip());
            } else if (line.startsWith("privateKey") || line.startsWith("expected")) {
                vector.put(
                        line.startsWith("privateKey") ? "privateKey" : "expected",
                        lines.get(i + 1).strip());
            }
        }
    }

    private static String get(String field) {
        return vector.get(field);
    }

    /** The public half of the test key, as a seller would register it (Base64 X.509). */
    static String publicKey() throws Exception {
        var factory = KeyFactory.getInstance("RSA");
        var privateKey = (RSAPrivateCrtKey) factory.generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(get("privateKey"))));
        var publicKey =
                factory.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    @Test
    void theStringToSignEndsEveryLineWithANewline() {
        assertThat(Signature.stringToSign(get("consumerId"), get("url"), "get", get("timestamp")))
                .isEqualTo(get("consumerId") + "\n" + get("url") + "\nGET\n" + get("timestamp") + "\n");
    }

    @Test
    void thePublishedTestVectorVerifies() throws Exception {
        var key = Signature.publicKey(publicKey()).orElseThrow();

        assertThat(Signature.verifies(
                        key,
                        Signature.stringToSign(get("consumerId"), get("url"), "GET", get("timestamp")),
                        get("expected")))
                .isTrue();
    }

    @Test
    void anyChangeToTheSignedRequestBreaksTheSignature() throws Exception {
        var key = Signature.publicKey(publicKey()).orElseThrow();

        assertThat(Signature.verifies(
                        key,
                        Signature.stringToSign(get("consumerId"), get("url"), "POST", get("timestamp")),
                        get("expected")))
                .isFalse();
        assertThat(Signature.verifies(
                        key,
                        Signature.stringToSign(get("consumerId"), get("url") + "&x=1", "GET", get("timestamp")),
                        get("expected")))
                .isFalse();
        assertThat(Signature.verifies(
                        key,
                        Signature.stringToSign(get("consumerId"), get("url"), "GET", "1502165720642"),
                        get("expected")))
                .isFalse();
        assertThat(Signature.verifies(
                        key,
                        Signature.stringToSign(get("consumerId"), get("url"), "GET", get("timestamp")),
                        "bm90IGl0"))
                .isFalse();
        assertThat(Signature.verifies(
                        key, Signature.stringToSign(get("consumerId"), get("url"), "GET", get("timestamp")), "%%%"))
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
