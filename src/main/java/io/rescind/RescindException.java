package io.rescind;

import java.util.Map;

/**
 * A request Rescind refuses for a reason the client can act on. Each carries a stable {@code
 * code}; the canonical API turns it into a Problem Details {@code type}, each dialect into its
 * vendor's error shape.
 */
public class RescindException extends RuntimeException {

    /** What kind of refusal this is, which decides the HTTP status. */
    public enum Kind {
        INVALID,
        UNAUTHENTICATED,
        FORBIDDEN,
        NOT_FOUND,
        CONFLICT,
        UNPROCESSABLE
    }

    private final Kind kind;
    private final String code;
    private final transient Map<String, Object> details;

    public RescindException(Kind kind, String code, String message) {
        this(kind, code, message, Map.of());
    }

    public RescindException(Kind kind, String code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    public static RescindException notFound(String what) {
        return new RescindException(Kind.NOT_FOUND, "not-found", what + " not found");
    }
}
