package io.rescind.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One API the load generator drives: how to ask that API to cancel on a seeded line and how to
 * read the answer. Each sends its platform's own cancel request on its own path with its own
 * authentication, and cancels what that platform cancels: one unit (canonical, Walmart, Mirakl)
 * or the whole line (hlconnect, Crux, Tradecloud), in which case it works on a slice of the data
 * of its own (see {@link Fixture.Slice}).
 */
interface Target {

    enum Outcome {
        /** The cancel was applied (or, for a target that makes requests, is now pending). */
        CANCELLED,
        /** Refused because nothing was left to cancel: expected under contention, not an error. */
        NOTHING_LEFT,
        /** Decided at once, but the answer does not tell cancelled from refused (Tradecloud's {@code ok}). */
        DECIDED,
        /** Accepted for later: an action the service's worker decides (Mirakl, a queued Tradecloud message). */
        QUEUED,
        /** Anything else: counted as an error and reported. */
        ERROR
    }

    String name();

    HttpRequest cancel(Fixture fixture, Fixture.Pick pick);

    Outcome classify(int status, String body);

    /** Units one successful cancel takes: 1, or all of a seeded line. */
    default long unitsPerCancel() {
        return 1;
    }

    /** Whether a successful cancel is a request left pending for the seller rather than applied. */
    default boolean pending() {
        return false;
    }

    /** Whether the database check must wait for the action queue to drain after a run. */
    default boolean queues() {
        return false;
    }

    /** Targets that cancel whole lines, and so need lines of their own. */
    static boolean cancelsWholeLines(String name) {
        return List.of("hlconnect", "crux", "tradecloud").contains(name);
    }

    static List<String> known() {
        return List.of("canonical", "hlconnect", "walmart", "crux", "mirakl", "tradecloud");
    }

    /** {@code all} stands for every known target. */
    static List<String> expand(List<String> names) {
        return names.contains("all") ? known() : names;
    }

    /** The target of that name, with whatever credentials it needs registered in the service. */
    static Target named(String name, Service service, Fixture fixture) {
        var base = service.base();
        return switch (name) {
            case "canonical" -> new Canonical(base);
            case "hlconnect" -> new HlConnect(base);
            case "walmart" -> Walmart.register(service, fixture);
            case "crux" -> new Crux(base);
            case "mirakl" -> Mirakl.signIn(service, fixture);
            case "tradecloud" -> new Tradecloud(base);
            default ->
                throw new IllegalArgumentException(
                        "Unknown target '%s'; known: %s".formatted(name, String.join(", ", known())));
        };
    }

    /** Whether a refusal's text names one of the "nothing left" reasons (the Problem type slugs). */
    private static boolean nothingLeft(String body) {
        return body.contains("nothing-to-cancel")
                || body.contains("quantity-exceeds-open")
                || body.contains("line-already-cancelled")
                || body.contains("cancel-pending");
    }

    /** {@code POST /api/v1/orders/{id}/cancellations} as the buyer, with an Idempotency-Key as real clients send. */
    record Canonical(URI base) implements Target {

        @Override
        public String name() {
            return "canonical";
        }

        @Override
        public HttpRequest cancel(Fixture fixture, Fixture.Pick pick) {
            var body = """
                    {"reason":"CUSTOMER_REQUEST","lines":[{"lineNumber":%d,"quantity":1}]}""".formatted(pick.line());
            return HttpRequest.newBuilder(
                            base.resolve("/api/v1/orders/" + Fixture.orderId(pick.order()) + "/cancellations"))
                    .header("Authorization", "Bearer " + fixture.buyerKey)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        }

        @Override
        public Outcome classify(int status, String body) {
            if (status == 201) {
                return Outcome.CANCELLED;
            }
            if (status == 409 && nothingLeft(body)) {
                return Outcome.NOTHING_LEFT;
            }
            return Outcome.ERROR;
        }
    }

    /**
     * HL Connect: {@code DELETE /purchase/cancel?order_id=&order_line_id=} as the buyer (Bearer).
     * The call names a line and cancels all of it that is open; a line already cancelled is
     * refused with 400 {@code InvalidOrderStatus}.
     */
    record HlConnect(URI base) implements Target {

        @Override
        public String name() {
            return "hlconnect";
        }

        @Override
        public HttpRequest cancel(Fixture fixture, Fixture.Pick pick) {
            return HttpRequest.newBuilder(base.resolve("/purchase/cancel?order_id=%d&order_line_id=%d"
                            .formatted(fixture.orderNumber(pick.order()), pick.line())))
                    .header("Authorization", "Bearer " + fixture.buyerKey)
                    .DELETE()
                    .build();
        }

        @Override
        public Outcome classify(int status, String body) {
            if (status == 201) {
                return Outcome.CANCELLED;
            }
            if (status == 400 && body.contains("InvalidOrderStatus")) {
                return Outcome.NOTHING_LEFT;
            }
            return Outcome.ERROR;
        }

        @Override
        public long unitsPerCancel() {
            return Fixture.UNITS;
        }
    }

    /**
     * Walmart CA: {@code POST /v3/ca/orders/{purchaseOrderId}/cancel} as the seller, one unit of a
     * line in an {@code orderCancellation} (JSON), signed as Walmart's clients sign: SHA256withRSA
     * over consumer id, full URL, method and timestamp, with a 2048-bit key whose public half the
     * fixture registered for the seller. Each request is signed anew (a fresh timestamp), on the
     * load generator's CPU as on a real client's. Answers 200 with the whole order.
     */
    record Walmart(URI base, String consumerId, String channelType, PrivateKey key) implements Target {

        static Walmart register(Service service, Fixture fixture) {
            try {
                var generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                var pair = generator.generateKeyPair();
                var consumerId = "bench-" + UUID.randomUUID();
                var channelType = UUID.randomUUID().toString();
                service.post(
                        "/api/v1/consumers",
                        fixture.sellerKey,
                        Map.of(
                                "consumerId",
                                consumerId,
                                "channelType",
                                channelType,
                                "publicKey",
                                Base64.getEncoder()
                                        .encodeToString(pair.getPublic().getEncoded())));
                return new Walmart(service.base(), consumerId, channelType, pair.getPrivate());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String name() {
            return "walmart";
        }

        @Override
        public HttpRequest cancel(Fixture fixture, Fixture.Pick pick) {
            var uri = base.resolve("/v3/ca/orders/%d/cancel".formatted(fixture.orderNumber(pick.order())));
            var timestamp = String.valueOf(System.currentTimeMillis());
            var body = """
                    {"orderCancellation":{"orderLines":{"orderLine":[{"lineNumber":"%d","orderLineStatuses":\
                    {"orderLineStatus":[{"status":"Cancelled","cancellationReason":"CUSTOMER_REQUESTED_SELLER_TO_CANCEL",\
                    "statusQuantity":{"unitOfMeasurement":"EACH","amount":"1"}}]}}]}}}""".formatted(pick.line());
            return HttpRequest.newBuilder(uri)
                    .header("WM_SVC.NAME", "Walmart Marketplace")
                    .header("WM_QOS.CORRELATION_ID", UUID.randomUUID().toString())
                    .header("WM_SEC.TIMESTAMP", timestamp)
                    .header("WM_SEC.AUTH_SIGNATURE", sign(uri + "\n", timestamp))
                    .header("WM_CONSUMER.ID", consumerId)
                    .header("WM_CONSUMER.CHANNEL.TYPE", channelType)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        }

        private String sign(String urlLine, String timestamp) {
            try {
                var signer = Signature.getInstance("SHA256withRSA");
                signer.initSign(key);
                signer.update(
                        (consumerId + "\n" + urlLine + "POST\n" + timestamp + "\n").getBytes(StandardCharsets.UTF_8));
                return Base64.getEncoder().encodeToString(signer.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Outcome classify(int status, String body) {
            if (status == 200) {
                return Outcome.CANCELLED;
            }
            if (status == 400 && nothingLeft(body)) {
                return Outcome.NOTHING_LEFT;
            }
            return Outcome.ERROR;
        }
    }

    /**
     * Crux: {@code DELETE /orders/items/cancel/{order_item_uuid}/} as the retailer ({@code
     * Authorization: Token}). It asks to cancel the whole item; the slice's seller has a policy
     * that makes every retailer's cancel wait for its decision, so each 204 leaves the line's open
     * units pending, and a second ask of the same line is refused (422) while it waits.
     */
    record Crux(URI base) implements Target {

        @Override
        public String name() {
            return "crux";
        }

        @Override
        public HttpRequest cancel(Fixture fixture, Fixture.Pick pick) {
            return HttpRequest.newBuilder(
                            base.resolve("/orders/items/cancel/" + Fixture.lineId(pick.order(), pick.line()) + "/"))
                    .header("Authorization", "Token " + fixture.buyerKey)
                    .DELETE()
                    .build();
        }

        @Override
        public Outcome classify(int status, String body) {
            if (status == 204) {
                return Outcome.CANCELLED;
            }
            if (status == 422
                    && (body.contains("awaits a decision")
                            || body.contains("already cancelled")
                            || body.contains("open units"))) {
                return Outcome.NOTHING_LEFT;
            }
            return Outcome.ERROR;
        }

        @Override
        public long unitsPerCancel() {
            return Fixture.UNITS;
        }

        @Override
        public boolean pending() {
            return true;
        }
    }

    /**
     * Mirakl Connect: {@code POST /v2/orders/{order_id}/cancel} as the seller with a token of the
     * OAuth client-credentials flow (taken once per run; it lives an hour), one unit of a line by
     * {@code order_line_id} with its price and tax amounts. The answer is 202 with an action that
     * the service's worker runs later, so a run counts accepted cancels and the check waits for the
     * queue to drain before it compares the totals.
     */
    record Mirakl(URI base, String token) implements Target {

        static Mirakl signIn(Service service, Fixture fixture) {
            var form = "grant_type=client_credentials&client_id=%s&client_secret=%s"
                    .formatted(fixture.sellerId, URLEncoder.encode(fixture.sellerKey, StandardCharsets.UTF_8));
            var response =
                    service.exchange(HttpRequest.newBuilder(service.base().resolve("/mirakl/oauth/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "Mirakl token request answered %d: %s".formatted(response.statusCode(), response.body()));
            }
            var token =
                    service.json().readTree(response.body()).get("access_token").asString();
            return new Mirakl(service.base(), token);
        }

        @Override
        public String name() {
            return "mirakl";
        }

        @Override
        public HttpRequest cancel(Fixture fixture, Fixture.Pick pick) {
            var body = """
                    {"cancelations":[{"order_line_id":"%s","quantity":1,"reason":"CUSTOMER_CANCELATION",\
                    "price":{"amount":%s,"currency":"EUR"},"shipping_price":{"amount":0,"currency":"EUR"},\
                    "taxes":[{"amount":{"amount":%s,"currency":"EUR"},"code":"VAT"}]}]}""".formatted(
                            Fixture.lineId(pick.order(), pick.line()),
                            Fixture.UNIT_PRICE.toPlainString(),
                            Fixture.UNIT_VAT.toPlainString());
            return HttpRequest.newBuilder(base.resolve("/v2/orders/" + Fixture.orderId(pick.order()) + "/cancel"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        }

        @Override
        public Outcome classify(int status, String body) {
            return status == 202 ? Outcome.QUEUED : Outcome.ERROR;
        }

        @Override
        public boolean queues() {
            return true;
        }
    }

    /**
     * Tradecloud: {@code POST /v2/api-connector/order/indicators} as the buyer (Bearer), the
     * order by its purchase order number and one line by position flagged {@code cancelled}: the
     * whole line. Tradecloud answers {@code {"ok":true}} whatever becomes of the line (the order's
     * history tells), and 202 when the order stayed locked past the service's budget and the
     * message was queued as an action.
     */
    record Tradecloud(URI base) implements Target {

        @Override
        public String name() {
            return "tradecloud";
        }

        @Override
        public HttpRequest cancel(Fixture fixture, Fixture.Pick pick) {
            var body = """
                    {"order":{"purchaseOrderNumber":"%s"},"lines":[{"position":"%s","indicators":{"cancelled":true}}]}""".formatted(Fixture.buyerOrderNumber(pick.order()), Fixture.position(pick.line()));
            return HttpRequest.newBuilder(base.resolve("/v2/api-connector/order/indicators"))
                    .header("Authorization", "Bearer " + fixture.buyerKey)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        }

        @Override
        public Outcome classify(int status, String body) {
            return switch (status) {
                case 200 -> Outcome.DECIDED;
                case 202 -> Outcome.QUEUED;
                default -> Outcome.ERROR;
            };
        }

        @Override
        public long unitsPerCancel() {
            return Fixture.UNITS;
        }

        @Override
        public boolean queues() {
            return true;
        }
    }
}
