package io.rescind.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures.Trade;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A fuzzer of our own, driven by the OpenAPI documents the service serves: every operation of
 * every API is called with mutated bodies (wrong types, boundaries, fractions, NULs, lone
 * surrogates, duplicate keys, broken JSON, deep nesting), mutated path and query parameters and
 * wrong media types, as a buyer and as a seller. Every answer must be below 500 and, when it is an
 * error, in the shape of the API the path belongs to; a refused request must have written
 * nothing. {@code ./mvnw verify} runs {@value #DEFAULT_CASES} cases; the {@code fuzz} profile many
 * more ({@code -Drescind.fuzz.cases=...}, {@code -Drescind.fuzz.seed=...} to replay a run).
 */
class OpenApiFuzzTest extends ApiTest {

    static final int DEFAULT_CASES = 600;

    private static final List<Object> HOSTILE_VALUES = List.of(
            1.5,
            -1,
            0,
            new java.math.BigInteger("9223372036854775808"),
            new java.math.BigDecimal("1e400"),
            new java.math.BigDecimal("1e-400"),
            "",
            "\u0000",
            "x\uD800y",
            "\uDC00",
            "x".repeat(5000),
            "not-a-uuid",
            "00000000-0000-0000-0000-000000000000",
            true,
            Map.of(),
            List.of(),
            java.util.Arrays.asList((Object) null));

    private static final List<String> RAW_BODIES = List.of(
            "{",
            "[]",
            "null",
            "\"text\"",
            "{\"a\":1,\"a\":2}",
            "[".repeat(3000) + "]".repeat(3000),
            "{\"x\":1e999999}",
            "\u0000",
            "%%%&&&==",
            "<xml/>",
            "{\"lines\":[null],\"cancelations\":[null]}");

    private static final List<String> MEDIA_TYPES = List.of(
            "*/*",
            "text/plain",
            "application/xml",
            "multipart/form-data",
            "application/x-www-form-urlencoded",
            "garbage",
            "application/json; charset=latin1",
            "application/*");

    private static final List<String> HOSTILE_PARAMETERS =
            List.of("", "%ED%A0%80", "%00", "-1", "1.5", "99999999999999999999", "x", "%25", "a%20b", "%C0%AF");

    private record Operation(String method, String path, List<String> query, JsonNode bodySchema) {}

    private record Failure(String what, Api.Response response) {}

    private Map<String, JsonNode> schemas = Map.of();

    @Test
    void noOperationAnswers5xxOrLeavesItsShapeOrWritesWhenRefused() {
        var cases = Integer.getInteger("rescind.fuzz.cases", DEFAULT_CASES);
        var random = new Random(Long.getLong("rescind.fuzz.seed", 17L));
        var operations = operations();
        assertThat(operations).hasSizeGreaterThan(20);
        var trade = given.trade();
        var order =
                given.anOrder(trade).withLine(5, "10.00").withLine(2, "3.00").place();
        var ids = List.of(
                order.get("id").asString(),
                order.at("/lines/0/id").asString(),
                String.valueOf(order.get("number").asLong()),
                order.get("orderNumber").asString(),
                trade.seller().id().toString(),
                UUID.randomUUID().toString());

        var failures = new ArrayList<Failure>();
        int serverErrors = 0;
        int writeChecks = 0;
        int tomcatRejections = 0;
        for (int i = 0; i < cases; i++) {
            var operation = operations.get(random.nextInt(operations.size()));
            var key =
                    random.nextBoolean() ? trade.buyer().key() : trade.seller().key();
            var before = pendingActions(trade) == 0 ? written(trade) : -1;
            var request = mutate(operation, ids, key, random);
            var response = request.request().send();
            var what = "#%d %s %s [%s]".formatted(i, operation.method(), request.target(), request.mutation());
            if (response.status() >= 500) {
                serverErrors++;
                failures.add(new Failure("5xx " + what, response));
            } else if (isRejectedBeforeRouting(request, response)) {
                // Refused by Tomcat or Spring Security's firewall before any of our code, for a
                // percent-escape in the path (%00, %25 ...): their shapes are issue 15's.
                tomcatRejections++;
            } else if (response.status() >= 400) {
                if (!inShape(request.target(), response)) {
                    failures.add(new Failure("shape " + what, response));
                }
                if (before >= 0) {
                    writeChecks++;
                    if (written(trade) != before) {
                        failures.add(new Failure("written " + what, response));
                    }
                }
            }
        }
        System.out.printf(
                "OpenApiFuzzTest: %d operations, %d cases, %d answers 5xx, %d refusals checked for writes,"
                        + " %d refused by Tomcat or the firewall before routing (path escapes), %d failures%n",
                operations.size(), cases, serverErrors, writeChecks, tomcatRejections, failures.size());
        failures.stream().limit(30).forEach(failure -> System.out.println("  " + failure));
        assertThat(failures).as("failures (first 30 printed)").isEmpty();
    }

    private record Mutated(Api.Request request, String target, String mutation) {}

    private Mutated mutate(Operation operation, List<String> ids, String key, Random random) {
        var mutations = new ArrayList<String>();
        var matcher = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(operation.path());
        var path = new StringBuilder();
        while (matcher.find()) {
            String value;
            if (random.nextInt(5) == 0) {
                var hostile = HOSTILE_PARAMETERS.get(random.nextInt(HOSTILE_PARAMETERS.size()));
                mutations.add("path " + matcher.group(1) + "=" + hostile);
                value = hostile.isEmpty() ? "x" : hostile;
            } else {
                value = ids.get(random.nextInt(ids.size()));
            }
            matcher.appendReplacement(path, java.util.regex.Matcher.quoteReplacement(value));
        }
        matcher.appendTail(path);
        var query = new ArrayList<String>();
        for (var name : operation.query()) {
            if (random.nextInt(3) == 0) {
                var hostile = HOSTILE_PARAMETERS.get(random.nextInt(HOSTILE_PARAMETERS.size()));
                mutations.add("query " + name + "=" + hostile);
                query.add(name + "=" + hostile);
            }
        }
        var target = path + (query.isEmpty() ? "" : "?" + String.join("&", query));
        var request = api.request(operation.method(), target);
        request.header("Authorization", (isCrux(target) ? "Token " : "Bearer ") + key);
        if (random.nextInt(8) == 0) {
            request.header("Accept", random.nextBoolean() ? "application/xml" : "text/html");
            mutations.add("accept");
        }
        if (operation.bodySchema() != null || random.nextInt(6) == 0) {
            var type =
                    random.nextInt(6) == 0 ? MEDIA_TYPES.get(random.nextInt(MEDIA_TYPES.size())) : "application/json";
            String body;
            if (random.nextInt(4) == 0) {
                body = RAW_BODIES.get(random.nextInt(RAW_BODIES.size()));
                mutations.add("raw body #" + RAW_BODIES.indexOf(body));
            } else {
                var valid = operation.bodySchema() == null ? Map.of() : example(operation.bodySchema(), ids, 0);
                body = Api.JSON.writeValueAsString(hostile(valid, random, mutations));
                if (random.nextInt(6) == 0 && body.startsWith("{\"")) {
                    var name = body.substring(1, body.indexOf('"', 2) + 1);
                    body = "{" + name + ":0," + body.substring(1);
                    mutations.add("duplicate " + name);
                }
            }
            if (!type.equals("application/json")) {
                mutations.add("type " + type);
            }
            request.raw(type, body);
        }
        return new Mutated(request, target, String.join(", ", mutations));
    }

    /** The example with one value somewhere replaced by a hostile one. */
    private static Object hostile(Object example, Random random, List<String> mutations) {
        if (!(example instanceof Map<?, ?> map) || map.isEmpty()) {
            return example;
        }
        var copy = new LinkedHashMap<String, Object>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        var names = new ArrayList<>(copy.keySet());
        var name = names.get(random.nextInt(names.size()));
        var value = copy.get(name);
        if (random.nextBoolean() && value instanceof Map<?, ?>) {
            copy.put(name, hostile(value, random, mutations));
        } else if (random.nextBoolean() && value instanceof List<?> list && !list.isEmpty()) {
            copy.put(name, List.of(hostile(list.getFirst(), random, mutations)));
        } else {
            var replacement = HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size()));
            mutations.add(name + "="
                    + String.valueOf(replacement)
                            .substring(
                                    0, Math.min(12, String.valueOf(replacement).length())));
            copy.put(name, replacement);
        }
        return copy;
    }

    /** A plausible value for a schema: what a client reading the document would send. */
    private Object example(JsonNode schema, List<String> ids, int depth) {
        if (schema.has("$ref")) {
            var name = schema.get("$ref").asString().replaceAll(".*/", "");
            return depth > 4 || !schemas.containsKey(name) ? Map.of() : example(schemas.get(name), ids, depth + 1);
        }
        if (schema.has("allOf") || schema.has("oneOf") || schema.has("anyOf")) {
            var options = schema.has("allOf")
                    ? schema.get("allOf")
                    : schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf");
            return options.isEmpty() ? Map.of() : example(options.get(0), ids, depth + 1);
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0).asString();
        }
        var type = schema.path("type").asString("object");
        return switch (type) {
            case "integer" -> 1;
            case "number" -> 1;
            case "boolean" -> true;
            case "array" -> List.of(example(schema.path("items"), ids, depth + 1));
            case "string" -> "uuid".equals(schema.path("format").asString("")) ? ids.get(1) : "x";
            default -> {
                var object = new LinkedHashMap<String, Object>();
                for (var entry : schema.path("properties").properties()) {
                    object.put(entry.getKey(), depth > 4 ? "x" : example(entry.getValue(), ids, depth + 1));
                }
                yield object;
            }
        };
    }

    private List<Operation> operations() {
        var operations = new LinkedHashMap<String, Operation>();
        var all = new LinkedHashMap<String, JsonNode>();
        for (var url : List.of("/v3/api-docs", "/v3/api-docs/hlconnect")) {
            var response = api.get(url, null);
            assertThat(response.status()).as(url).isEqualTo(200);
            var document = response.json();
            document.path("components")
                    .path("schemas")
                    .properties()
                    .forEach(e -> all.putIfAbsent(e.getKey(), e.getValue()));
            for (var path : document.path("paths").properties()) {
                for (Iterator<String> methods = path.getValue().propertyNames().iterator(); methods.hasNext(); ) {
                    var method = methods.next();
                    if (!List.of("get", "post", "put", "patch", "delete").contains(method)) {
                        continue;
                    }
                    var operation = path.getValue().get(method);
                    var query = new ArrayList<String>();
                    operation.path("parameters").forEach(parameter -> {
                        if ("query".equals(parameter.path("in").asString(""))) {
                            query.add(parameter.get("name").asString());
                        }
                    });
                    var body = operation
                            .path("requestBody")
                            .path("content")
                            .path("application/json")
                            .path("schema");
                    var upper = method.toUpperCase(java.util.Locale.ROOT);
                    operations.putIfAbsent(
                            upper + " " + path.getKey(),
                            new Operation(upper, path.getKey(), query, body.isMissingNode() ? null : body));
                }
            }
        }
        schemas = all;
        // Operator administration and the docs themselves are not what clients fuzz.
        return operations.values().stream()
                .filter(o -> !o.path().startsWith("/v3/api-docs") && !o.path().startsWith("/actuator"))
                .toList();
    }

    private static boolean isRejectedBeforeRouting(Mutated request, Api.Response response) {
        return response.status() == 400
                && request.mutation().matches(".*path [^,]+=%.*")
                && !inShape(request.target(), response);
    }

    private static boolean isCrux(String target) {
        return target.startsWith("/orders/") || target.startsWith("/timp/");
    }

    /** Whether an error answer has the shape of the API the path belongs to. */
    static boolean inShape(String uri, Api.Response response) {
        var target = uri.replaceFirst("\\?.*", "");
        if (response.status() == 406 || response.text().isEmpty() && response.status() == 405) {
            return true;
        }
        var type = String.valueOf(response.header("Content-Type"));
        if (target.startsWith("/v3/ca/") || target.startsWith("/v3/token")) {
            return response.text().contains("errors") && response.text().contains(".GMP_");
        }
        if (target.equals("/mirakl/oauth/token")) {
            return type.startsWith("application/json") && response.json().has("error");
        }
        if (target.startsWith("/v2/orders")) {
            return type.startsWith("application/json") && response.json().has("code");
        }
        if (target.startsWith("/v2/api-connector")
                || target.startsWith("/v2/order/")
                || target.startsWith("/v2/authentication")) {
            return response.status() == 401
                    ? type.startsWith("text/plain")
                    : type.startsWith("application/json") && response.json().has("ok");
        }
        if (isCrux(target)) {
            return type.startsWith("application/json") && response.json().has("detail");
        }
        if (target.startsWith("/purchase/") || target.equals("/health")) {
            return type.startsWith("application/json")
                    && response.json().has("name")
                    && response.json().has("code");
        }
        return type.startsWith("application/problem+json") && response.json().has("type");
    }

    private long pendingActions(Trade trade) {
        return jdbc.sql("select count(*) from actions where status = 'PENDING' and requested_by in (:buyer, :seller)")
                .param("buyer", trade.buyer().id())
                .param("seller", trade.seller().id())
                .query(Long.class)
                .single();
    }

    /**
     * Rows a request of these parties could have written. A refused cancel is recorded on purpose
     * (status REFUSED, the answer a client can read back), so those rows do not count as writes.
     */
    private long written(Trade trade) {
        return jdbc.sql("""
                        select (select count(*) from purchase_orders o
                                where o.buyer_id = :buyer or o.seller_id = :seller)
                             + (select count(*) from order_lines l join purchase_orders o using (tenant_id, order_id)
                                where o.buyer_id = :buyer or o.seller_id = :seller)
                             + (select count(*) from cancellations c join purchase_orders o using (tenant_id, order_id)
                                where (o.buyer_id = :buyer or o.seller_id = :seller) and c.status <> 'REFUSED')
                             + (select count(*) from actions a where a.requested_by in (:buyer, :seller))""")
                .param("buyer", trade.buyer().id())
                .param("seller", trade.seller().id())
                .query(Long.class)
                .single();
    }
}
