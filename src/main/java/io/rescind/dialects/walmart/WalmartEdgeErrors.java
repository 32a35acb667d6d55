package io.rescind.dialects.walmart;

import io.rescind.http.EdgeErrors;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Walmart's gateway answer to requests refused before the dialect's code runs (always JSON). */
@Component
class WalmartEdgeErrors implements EdgeErrors {

    private final JsonMapper json;

    WalmartEdgeErrors(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean owns(String path) {
        return path.startsWith("/v3/ca/") || path.equals("/v3/ca") || path.startsWith("/v3/token");
    }

    @Override
    public Answer answer(String path, int status, String detail) {
        var code = status == 400
                ? detail.toLowerCase().contains("header")
                        ? WalmartError.Code.INVALID_REQUEST_HEADER
                        : WalmartError.Code.INVALID_REQUEST_PARAM
                : Arrays.stream(WalmartError.Code.values())
                        .filter(c -> c.status.value() == status)
                        .findFirst()
                        .orElse(WalmartError.Code.SYSTEM_ERROR);
        var body = java.util.Map.of(
                "errors", WalmartError.body(List.of(new WalmartError(code, WalmartError.GATEWAY, null, detail))));
        return new Answer(code.status.value(), "application/json", json.writeValueAsString(body));
    }
}
