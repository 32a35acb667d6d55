package io.rescind.dialects.mirakl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** The opaque seek token of {@code GET /v2/orders}: where the previous page ended. */
final class PageToken {

    private static final String PREFIX = "after:";

    private PageToken() {}

    static String write(long lastOrderNumber) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + lastOrderNumber).getBytes(StandardCharsets.UTF_8));
    }

    /** The order number to continue after; 0 without a token. */
    static long read(String token) {
        if (token == null) {
            return 0;
        }
        try {
            var text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                var number = Long.parseLong(text.substring(PREFIX.length()));
                if (number >= 0) {
                    return number;
                }
            }
        } catch (IllegalArgumentException notOurs) {
            // falls through to the refusal below
        }
        throw new MiraklError.Invalid(
                List.of(new MiraklError.Item("not a page token this API handed out", "page_token", null)));
    }
}
