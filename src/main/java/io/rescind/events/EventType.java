package io.rescind.events;

/**
 * One external event type: its name in the envelope, and the name a platform flavour uses for it
 * where that platform defines one ({@code null} when it does not).
 */
public record EventType(String name, String tradecloudName) {

    /** The name a subscription of {@code flavour} sees. */
    String nameFor(Flavour flavour, boolean byBuyer) {
        return flavour == Flavour.TRADECLOUD && tradecloudName != null && byBuyer ? tradecloudName : name;
    }
}
