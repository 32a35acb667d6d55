package io.rescind.dialects.hlconnect;

import io.rescind.http.EdgeErrors;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** HL Connect's answer to requests refused before the dialect's code runs. */
@Component
class HlConnectEdgeErrors implements EdgeErrors {

    private final JsonMapper json;

    HlConnectEdgeErrors(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean owns(String path) {
        return path.startsWith("/purchase/") || path.equals("/health");
    }

    @Override
    public Answer answer(String path, int status, String detail) {
        var reason = HttpStatus.resolve(status);
        var name = reason == null ? "Error" : reason.getReasonPhrase();
        return new Answer(
                status,
                "application/json",
                json.writeValueAsString(ErrorResponse.of(HttpStatusCode.valueOf(status), name, detail)));
    }
}
