package io.rescind.http;

/**
 * How one API answers a request refused before any of its code runs: by Tomcat (an encoded
 * {@code /} in the path, an unencoded {@code [} in the query, a header above the limit) or by the
 * security firewall (an empty path segment...). Each dialect provides one, so that such a refusal
 * comes in the shape of the API its path belongs to; the canonical API's Problem Details answer
 * the rest.
 */
public interface EdgeErrors {

    /** Whether {@code path} (raw, as sent) belongs to this API. */
    boolean owns(String path);

    /** The answer to a refusal of {@code status}, which the API may map to a status of its own. */
    Answer answer(String path, int status, String detail);

    record Answer(int status, String contentType, String body) {}
}
