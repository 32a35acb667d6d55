package io.rescind.dialects.walmart;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks an order against the {@code order} schema of Walmart's CA OpenAPI file: required
 * properties, no properties the schema does not know, arrays, scalars, and enums (compared
 * ignoring case, since Walmart's own examples write {@code Cancelled} for {@code CANCELLED}).
 */
final class OrderSchema {

    private static final String FILE = "ca-mp-orders.openapi.walmart-original.json";

    private static final JsonNode SCHEMA = load();

    private OrderSchema() {}

    /**
     * What breaks the schema. Where Walmart's file is absent (a lone clone) the check cannot run,
     * so the calling test is skipped rather than reported as passed.
     */
    static List<String> violations(Object order) {
        var found = new ArrayList<String>();
        assumeTrue(SCHEMA != null, "Walmart's order schema is not at " + VendorFiles.FOLDER.resolve(FILE));
        check(SCHEMA, order, "order", found);
        return found;
    }

    private static void check(JsonNode schema, Object value, String path, List<String> found) {
        var type = schema.path("type").asString("object");
        switch (type) {
            case "object" -> {
                if (!(value instanceof Map<?, ?> map)) {
                    found.add(path + " is not an object");
                    return;
                }
                for (var required : schema.path("required")) {
                    if (map.get(required.asString()) == null) {
                        found.add(path + "." + required.asString() + " is missing");
                    }
                }
                for (var entry : map.entrySet()) {
                    var property = schema.path("properties").path(String.valueOf(entry.getKey()));
                    if (property.isMissingNode()) {
                        found.add(path + "." + entry.getKey() + " is not in the schema");
                    } else {
                        check(property, entry.getValue(), path + "." + entry.getKey(), found);
                    }
                }
            }
            case "array" -> {
                var items = value instanceof List<?> list ? list : List.of(value);
                for (int i = 0; i < items.size(); i++) {
                    check(schema.path("items"), items.get(i), path + "[" + i + "]", found);
                }
            }
            default -> {
                if (value instanceof Map<?, ?> || value instanceof List<?>) {
                    found.add(path + " is not a " + type);
                    return;
                }
                if (schema.has("enum")) {
                    var text = String.valueOf(value).toUpperCase(Locale.ROOT);
                    boolean known = false;
                    for (var option : schema.get("enum")) {
                        known |= option.asString().replace("_", "").equals(text.replace("_", ""));
                    }
                    if (!known) {
                        found.add(path + " '" + value + "' is not one of " + schema.get("enum"));
                    }
                }
                if ((type.equals("number") || type.equals("integer"))
                        && !String.valueOf(value).matches("-?\\d+(\\.\\d+)?")) {
                    found.add(path + " '" + value + "' is not a " + type);
                }
            }
        }
    }

    /** The {@code Order} schema of Walmart's CA Order Management OpenAPI file, as published. */
    private static JsonNode load() {
        if (!VendorFiles.available(FILE)) {
            return null;
        }
        return JsonMapper.builder()
                .build()
                .readTree(VendorFiles.read(FILE))
                .path("components")
                .path("schemas")
                .path("Order");
    }
}
