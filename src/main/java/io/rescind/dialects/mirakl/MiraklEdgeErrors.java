package io.rescind.dialects.mirakl;

import io.rescind.http.EdgeErrors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Mirakl's answer to requests refused before the dialect's code runs. */
@Component
class MiraklEdgeErrors implements EdgeErrors {

    private final JsonMapper json;

    MiraklEdgeErrors(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean owns(String path) {
        return path.startsWith("/v2/orders") || path.startsWith("/api/v2/") || path.startsWith("/mirakl/");
    }

    @Override
    public Answer answer(String path, int status, String detail) {
        var code = switch (status) {
            case 400 -> MiraklError.INVALID_INPUT;
            case 401 -> MiraklError.UNAUTHORIZED;
            case 403 -> MiraklError.FORBIDDEN;
            case 404 -> MiraklError.DATA_NOT_FOUND;
            case 503 -> MiraklError.UNAVAILABLE;
            default -> status >= 500 ? MiraklError.UNEXPECTED : MiraklError.INVALID_INPUT;
        };
        return new Answer(status, "application/json", json.writeValueAsString(MiraklError.of(code, detail)));
    }
}
