package io.rescind.signatures;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * The Walmart request signature: SHA256withRSA (RSASSA-PKCS1-v1_5) over {@code
 * consumerId\nfullUrl\nMETHOD\ntimestamp\n}, sent as standard Base64. Pure functions.
 */
public final class Signature {

    /** Keys shorter than this are refused at registration. */
    static final int MIN_KEY_BITS = 1024;

    private Signature() {}

    public static String stringToSign(String consumerId, String fullUrl, String method, String timestamp) {
        return consumerId + "\n" + fullUrl + "\n" + method.toUpperCase(java.util.Locale.ROOT) + "\n" + timestamp + "\n";
    }

    /** Whether {@code signature} (Base64) signs {@code text} with the private half of {@code key}. */
    public static boolean verifies(PublicKey key, String text, String signature) {
        try {
            var bytes = Base64.getDecoder().decode(signature.trim());
            var verifier = java.security.Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(text.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(bytes);
        } catch (IllegalArgumentException | GeneralSecurityException notASignature) {
            return false;
        }
    }

    /**
     * An RSA public key from Base64 X.509 (SubjectPublicKeyInfo) DER, with or without PEM armour;
     * empty when the text is not such a key.
     */
    public static Optional<RSAPublicKey> publicKey(String text) {
        var body = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            var key = KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
            return key instanceof RSAPublicKey rsa ? Optional.of(rsa) : Optional.empty();
        } catch (IllegalArgumentException | GeneralSecurityException notAKey) {
            return Optional.empty();
        }
    }
}
