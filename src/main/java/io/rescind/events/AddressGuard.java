package io.rescind.events;

import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv4.IPv4AddressAssociativeTrie;
import inet.ipaddr.ipv6.IPv6Address;
import inet.ipaddr.ipv6.IPv6AddressAssociativeTrie;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Keeps webhook URLs off internal networks (OWASP API7, server-side request forgery). A URL must
 * be http(s) without credentials, and every address its host resolves to must be an ordinary
 * public unicast address:
 *
 * <ul>
 *   <li>none of the IANA IPv4 and IPv6 Special-Purpose Address Registries' blocks (loopback,
 *       private, shared, link-local, documentation, benchmarking, protocol assignments, AS112, AMT,
 *       discard, reserved, broadcast…), whatever their "globally reachable" flag says;
 *   <li>no IPv4 multicast, and no IPv6 address outside 2000::/3, the only block IANA allocates as
 *       global unicast — which excludes IPv4-mapped, -compatible and -translated forms, NAT64
 *       (64:ff9b::/96, 64:ff9b:1::/48), discard, unique-local, link-local and multicast;
 *   <li>no IPv6 form that carries an IPv4 address inside 2000::/3 either (6to4, Teredo, ISATAP);
 *   <li>none of this host's own interface addresses.
 * </ul>
 *
 * <p>Loopback is allowed only when configured, for local development and tests. The blocks are
 * matched with the IPAddress library's prefix tries; the registries' entries are listed below with
 * the RFC that made each.
 *
 * <p>The guard resolves a host once and hands back the checked addresses: the delivery client
 * connects to exactly those ({@link #resolve}), so no second lookup can sneak another address in
 * between the check and the connection (DNS rebinding).
 */
final class AddressGuard {

    /** A host refused, or that did not resolve; the message says why. */
    static final class Forbidden extends UnknownHostException {
        Forbidden(String reason) {
            super(reason);
        }
    }

    /** How names become addresses: the system resolver, or a stand-in in tests. */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] addressesOf(String host) throws UnknownHostException;
    }

    private static final IPv4AddressAssociativeTrie<String> IPV4_SPECIAL = new IPv4AddressAssociativeTrie<>();
    private static final IPv6AddressAssociativeTrie<String> IPV6_SPECIAL = new IPv6AddressAssociativeTrie<>();
    private static final IPv6Address GLOBAL_UNICAST = v6("2000::/3");
    private static final IPv6Address IPV4_TRANSLATED = v6("::ffff:0:0:0/96");
    private static final IPv6Address LOCAL_NAT64 = v6("64:ff9b:1::/48");

    static {
        // IANA IPv4 Special-Purpose Address Registry.
        special("0.0.0.0/8", "'this network' (RFC 791)");
        special("10.0.0.0/8", "private-use (RFC 1918)");
        special("100.64.0.0/10", "shared address space (RFC 6598)");
        special("127.0.0.0/8", "loopback (RFC 1122)");
        special("169.254.0.0/16", "link-local (RFC 3927)");
        special("172.16.0.0/12", "private-use (RFC 1918)");
        special("192.0.0.0/24", "IETF protocol assignments (RFC 6890)");
        special("192.0.2.0/24", "documentation TEST-NET-1 (RFC 5737)");
        special("192.31.196.0/24", "AS112-v4 (RFC 7535)");
        special("192.52.193.0/24", "AMT (RFC 7450)");
        special("192.88.99.0/24", "deprecated 6to4 relay anycast (RFC 7526)");
        special("192.168.0.0/16", "private-use (RFC 1918)");
        special("192.175.48.0/24", "direct delegation AS112 service (RFC 7534)");
        special("198.18.0.0/15", "benchmarking (RFC 2544)");
        special("198.51.100.0/24", "documentation TEST-NET-2 (RFC 5737)");
        special("203.0.113.0/24", "documentation TEST-NET-3 (RFC 5737)");
        special("240.0.0.0/4", "reserved (RFC 1112)");
        special("255.255.255.255/32", "limited broadcast (RFC 919)");
        // Not special-purpose but never a unicast host: IPv4 multicast (IANA IPv4 address space).
        special("224.0.0.0/4", "multicast (RFC 5771)");

        // IANA IPv6 Special-Purpose Address Registry. Blocks outside 2000::/3 are refused anyway;
        // they are listed so that a refusal names them.
        special("::1/128", "loopback (RFC 4291)");
        special("::/128", "unspecified (RFC 4291)");
        special("::/96", "IPv4-compatible (RFC 4291)");
        special("::ffff:0:0/96", "IPv4-mapped (RFC 4291)");
        special("::ffff:0:0:0/96", "IPv4-translated (RFC 2765)");
        special("64:ff9b::/96", "NAT64 IPv4-IPv6 translation (RFC 6052)");
        special("64:ff9b:1::/48", "local-use IPv4-IPv6 translation (RFC 8215)");
        special("100::/64", "discard-only (RFC 6666)");
        special("100:0:0:1::/64", "dummy IPv6 prefix (RFC 9780)");
        special("2001::/23", "IETF protocol assignments (RFC 2928)");
        special("2001::/32", "Teredo (RFC 4380)");
        special("2001:2::/48", "benchmarking (RFC 5180)");
        special("2001:3::/32", "AMT (RFC 7450)");
        special("2001:4:112::/48", "AS112-v6 (RFC 7535)");
        special("2001:20::/28", "ORCHIDv2 (RFC 7343)");
        special("2001:30::/28", "drone remote ID (RFC 9374)");
        special("2001:db8::/32", "documentation (RFC 3849)");
        special("2002::/16", "6to4 (RFC 3056)");
        special("2620:4f:8000::/48", "direct delegation AS112 service (RFC 7534)");
        special("3fff::/20", "documentation (RFC 9637)");
        special("5f00::/16", "segment routing SIDs (RFC 9602)");
        special("fc00::/7", "unique-local (RFC 4193)");
        special("fe80::/10", "link-local (RFC 4291)");
        special("fec0::/10", "deprecated site-local (RFC 3879)");
        special("ff00::/8", "multicast (RFC 4291)");
    }

    private final boolean allowLoopback;
    private final Lookup lookup;
    private final Supplier<Set<InetAddress>> ownAddresses;

    AddressGuard(boolean allowLoopback) {
        this(allowLoopback, InetAddress::getAllByName, new OwnAddresses(Duration.ofSeconds(30)));
    }

    AddressGuard(boolean allowLoopback, Lookup lookup, Supplier<Set<InetAddress>> ownAddresses) {
        this.allowLoopback = allowLoopback;
        this.lookup = lookup;
        this.ownAddresses = ownAddresses;
    }

    /** Why {@code url} may not be called, or empty when it may (it is resolved once to tell). */
    Optional<String> refusal(URI url) {
        var form = formRefusal(url);
        if (form.isPresent()) {
            return form;
        }
        try {
            resolve(url.getHost());
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** What the URL itself breaks, before any lookup: scheme, host, credentials. */
    Optional<String> formRefusal(URI url) {
        var scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("the URL must be http or https");
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            return Optional.of("the URL has no host");
        }
        if (url.getRawUserInfo() != null) {
            return Optional.of("the URL may not carry credentials");
        }
        return Optional.empty();
    }

    /**
     * The addresses of {@code host}, each checked: the ones to connect to. Throws {@link Forbidden}
     * when the host does not resolve or any of its addresses is refused.
     */
    List<InetAddress> resolve(String host) throws Forbidden {
        InetAddress[] addresses;
        try {
            addresses = lookup.addressesOf(host);
        } catch (UnknownHostException e) {
            throw new Forbidden("the host '%s' does not resolve".formatted(host));
        }
        if (addresses == null || addresses.length == 0) {
            throw new Forbidden("the host '%s' does not resolve".formatted(host));
        }
        for (var address : addresses) {
            var refusal = refusal(address);
            if (refusal.isPresent()) {
                throw new Forbidden(
                        "the host '%s' resolves to %s, %s".formatted(host, address.getHostAddress(), refusal.get()));
            }
        }
        return List.of(addresses);
    }

    /** Why one address may not be called, or empty when it may. */
    Optional<String> refusal(InetAddress address) {
        if (allowLoopback && address.isLoopbackAddress()) {
            return Optional.empty();
        }
        var special = switch (address) {
            case Inet4Address v4 -> ipv4Refusal(new IPv4Address(v4));
            case Inet6Address v6 -> ipv6Refusal(new IPv6Address(v6));
            default -> Optional.of("an address of an unknown kind");
        };
        if (special.isPresent()) {
            return special;
        }
        if (ownAddresses.get().contains(withoutScope(address))) {
            return Optional.of("an address of this host");
        }
        return Optional.empty();
    }

    private static Optional<String> ipv4Refusal(IPv4Address address) {
        var block = IPV4_SPECIAL.longestPrefixMatchNode(address);
        return block == null ? Optional.empty() : Optional.of("a special-purpose address: " + block.getValue());
    }

    private static Optional<String> ipv6Refusal(IPv6Address address) {
        var block = IPV6_SPECIAL.longestPrefixMatchNode(address);
        if (block != null) {
            var carried = carriedIPv4(address).map(ipv4 -> " carrying " + ipv4).orElse("");
            return Optional.of("a special-purpose address: " + block.getValue() + carried);
        }
        if (!GLOBAL_UNICAST.contains(address)) {
            return Optional.of("not a global unicast address (outside 2000::/3)");
        }
        if (isatap(address)) {
            return Optional.of("an ISATAP address carrying " + address.getEmbeddedIPv4Address());
        }
        return Optional.empty();
    }

    /** An ISATAP interface identifier ({@code [02]00:5efe:a.b.c.d}, RFC 5214) under any prefix. */
    private static boolean isatap(IPv6Address address) {
        return (address.getSegment(4).getSegmentValue() & 0xfdff) == 0
                && address.getSegment(5).getSegmentValue() == 0x5efe;
    }

    /** The IPv4 address an IPv6 address carries, for the refusal's message. */
    private static Optional<IPv4Address> carriedIPv4(IPv6Address address) {
        if (address.is6To4()) {
            return Optional.of(address.get6To4IPv4Address());
        }
        if (address.isTeredo()) {
            // The client's address is stored inverted in the last 32 bits (RFC 4380).
            return Optional.of(new IPv4Address(~address.getEmbeddedIPv4Address().intValue()));
        }
        if (address.isIPv4Mapped()
                || address.isWellKnownIPv4Translatable()
                || IPV4_TRANSLATED.contains(address)
                || LOCAL_NAT64.contains(address)
                || (address.isIPv4Compatible() && !address.isLoopback() && !address.isUnspecified())) {
            return Optional.of(address.getEmbeddedIPv4Address());
        }
        return Optional.empty();
    }

    private static InetAddress withoutScope(InetAddress address) {
        if (address instanceof Inet6Address v6 && v6.getScopeId() != 0) {
            try {
                return InetAddress.getByAddress(v6.getAddress());
            } catch (UnknownHostException e) {
                return address;
            }
        }
        return address;
    }

    private static void special(String block, String name) {
        var address = new IPAddressString(block).getAddress().toPrefixBlock();
        if (address instanceof IPv4Address v4) {
            IPV4_SPECIAL.put(v4, name);
        } else {
            IPV6_SPECIAL.put((IPv6Address) address, name);
        }
    }

    private static IPv6Address v6(String block) {
        return new IPAddressString(block).getAddress().toPrefixBlock().toIPv6();
    }

    /** This host's interface addresses, read again every {@code ttl} (interfaces come and go). */
    static final class OwnAddresses implements Supplier<Set<InetAddress>> {

        private final long ttlNanos;
        private volatile Set<InetAddress> addresses = Set.of();
        private volatile long readAt;

        OwnAddresses(Duration ttl) {
            this.ttlNanos = ttl.toNanos();
            this.readAt = System.nanoTime() - ttlNanos - 1;
        }

        @Override
        public Set<InetAddress> get() {
            if (System.nanoTime() - readAt > ttlNanos) {
                addresses = read();
                readAt = System.nanoTime();
            }
            return addresses;
        }

        private static Set<InetAddress> read() {
            try {
                return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                        .flatMap(NetworkInterface::inetAddresses)
                        .map(AddressGuard::withoutScope)
                        .collect(Collectors.toUnmodifiableSet());
            } catch (SocketException e) {
                return Set.of();
            }
        }
    }
}
