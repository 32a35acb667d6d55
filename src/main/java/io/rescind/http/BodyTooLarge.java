package io.rescind.http;

import java.io.IOException;

/** Thrown while reading a body that turns out longer than {@link RequestLimits#maxBody()}. */
class BodyTooLarge extends IOException {

    BodyTooLarge(long limit) {
        super("The request body exceeds " + limit + " bytes");
    }
}
