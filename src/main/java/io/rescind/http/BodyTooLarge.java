package io.rescind.http;

import java.io.IOException;

/**
 * Thrown while reading a body that turns out longer than {@link RequestLimits#maxBody()}. The
 * body parser wraps it; every error handler asks {@link #isCauseOf} to answer 413 in its own shape.
 */
public class BodyTooLarge extends IOException {

    BodyTooLarge(long limit) {
        super("The request body exceeds " + limit + " bytes");
    }

    /** Whether reading a body failed because it ran past the bound. */
    public static boolean isCauseOf(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLarge) {
                return true;
            }
        }
        return false;
    }
}
