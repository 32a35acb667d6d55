package io.rescind.events;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps webhook URLs off internal networks (OWASP API7, server-side request forgery): a URL must
 * be http(s) and every address its host resolves to must be public — no loopback, link-local
 * (which includes the 169.254.169.254 cloud metadata service), private, unique-local, carrier-grade
 * NAT, multicast or unspecified address. Loopback is allowed only when configured, for local
 * development and tests. It is checked when a subscription is registered and again before every
 * delivery, because a name may resolve elsewhere later (DNS rebinding).
 */
final class AddressGuard {

    private final boolean allowLoopback;

    AddressGuard(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    /** Why {@code url} may not be called, or empty when it may. */
    Optional<String> refusal(URI url) {
        var scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("the URL must be http or https");
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            return Optional.of("the URL has no host");
        }
        if (url.getUserInfo() != null) {
            return Optional.of("the URL may not carry credentials");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            return Optional.of("the host '%s' does not resolve".formatted(url.getHost()));
        }
        for (var address : addresses) {
            if (forbidden(address)) {
                return Optional.of("the host '%s' resolves to the non-public address %s"
                        .formatted(url.getHost(), address.getHostAddress()));
            }
        }
        return Optional.empty();
    }

    private boolean forbidden(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return !allowLoopback;
        }
        if (address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        var bytes = address.getAddress();
        if (bytes.length == 4) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                    || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || first >= 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = bytes[0] & 0xff;
            // fc00::/7 unique-local; ::ffff:0:0/96 mapped IPv4 is unwrapped by the JDK already.
            return (first & 0xfe) == 0xfc;
        }
        return false;
    }
}
