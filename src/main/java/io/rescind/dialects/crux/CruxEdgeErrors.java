package io.rescind.dialects.crux;

import io.rescind.http.EdgeErrors;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Crux's answer to requests refused before the dialect's code runs. An empty item UUID ({@code
 * /orders/items/cancel//}, which the firewall refuses) is 422, as the seed reads it: the
 * order_item_uuid "may be wrong altogether"; 415 stays for a body that is not JSON.
 */
@Component
class CruxEdgeErrors implements EdgeErrors {

    private static final Pattern EMPTY_ITEM = Pattern.compile("(/timp)?/orders/items/cancel//.*");

    private final JsonMapper json;

    CruxEdgeErrors(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean owns(String path) {
        return path.startsWith("/orders/") || path.startsWith("/timp/");
    }

    @Override
    public Answer answer(String path, int status, String detail) {
        if (EMPTY_ITEM.matcher(path).matches()) {
            return body(422, "The order item UUID is missing.");
        }
        return body(
                status,
                status == 400 ? "Something required for the request is missing or invalid: " + detail + "." : detail);
    }

    private Answer body(int status, String detail) {
        return new Answer(status, "application/json", json.writeValueAsString(new CruxError.Body(detail)));
    }
}
