package io.rescind.dialects.tradecloud;

import io.rescind.http.EdgeErrors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Tradecloud's answer to requests refused before the dialect's code runs. */
@Component
class TradecloudEdgeErrors implements EdgeErrors {

    private final JsonMapper json;

    TradecloudEdgeErrors(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean owns(String path) {
        return path.startsWith("/v2/api-connector/")
                || path.startsWith("/v2/order/")
                || path.startsWith("/v2/authentication/");
    }

    @Override
    public Answer answer(String path, int status, String detail) {
        return new Answer(status, "application/json", json.writeValueAsString(new TradecloudError.Body(false, detail)));
    }
}
