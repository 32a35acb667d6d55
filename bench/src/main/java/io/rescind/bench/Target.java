package io.rescind.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;

/**
 * One API the load generator drives: how to ask for "cancel one unit of this line" and how to
 * read the answer. The canonical API is the first; each dialect adds one implementation here when
 * it lands (its own path, auth scheme and body), and is named with {@code --targets}.
 */
interface Target {

    enum Outcome {
        /** The unit was cancelled. */
        CANCELLED,
        /** Refused because nothing was left to cancel: expected under contention, not an error. */
        NOTHING_LEFT,
        /** Anything else: counted as an error and reported. */
        ERROR
    }

    String name();

    HttpRequest cancelOneUnit(Fixture fixture, Fixture.Pick pick);

    Outcome classify(int status, String body);

    static Target named(String name, URI base) {
        return switch (name) {
            case "canonical" -> new Canonical(base);
            default ->
                throw new IllegalArgumentException(
                        "Unknown target '%s'; known: %s".formatted(name, String.join(", ", known())));
        };
    }

    static List<String> known() {
        return List.of("canonical");
    }

    /** {@code POST /api/v1/orders/{id}/cancellations} as the buyer, with an Idempotency-Key as real clients send. */
    record Canonical(URI base) implements Target {

        @Override
        public String name() {
            return "canonical";
        }

        @Override
        public HttpRequest cancelOneUnit(Fixture fixture, Fixture.Pick pick) {
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
            if (status == 409
                    && (body.contains("nothing-to-cancel")
                            || body.contains("quantity-exceeds-open")
                            || body.contains("line-already-cancelled"))) {
                return Outcome.NOTHING_LEFT;
            }
            return Outcome.ERROR;
        }
    }
}
