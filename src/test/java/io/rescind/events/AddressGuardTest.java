package io.rescind.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.util.Collections;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every webhook host the SSRF guard must refuse, with the reason it gives: the findings of issue
 * 17 first, then the rest of the IANA special-purpose registries and the IPv6 forms that carry an
 * IPv4 address. Literal addresses only, so no test depends on DNS.
 */
class AddressGuardTest {

    private final AddressGuard strict = new AddressGuard(false, InetAddress::getAllByName, Set::of);
    private final AddressGuard development = new AddressGuard(true, InetAddress::getAllByName, Set::of);

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # The findings of issue 17
            http://192.0.2.1/hooks                 | documentation TEST-NET-1
            http://198.51.100.7/hooks              | documentation TEST-NET-2
            https://203.0.113.200/hooks            | documentation TEST-NET-3
            http://[2001:db8::1]/hooks             | documentation (RFC 3849)
            http://[2001:db8:ffff::10]:8443/       | documentation (RFC 3849)
            http://[100::1]/hooks                  | discard-only
            http://[::127.0.0.1]/                  | IPv4-compatible
            http://[::ffff:0:7f00:1]/              | IPv4-translated
            http://[64:ff9b::a9fe:a9fe]/latest/    | NAT64 IPv4-IPv6 translation (RFC 6052) carrying 169.254.169.254
            http://[2002:7f00:1::]/                | 6to4 (RFC 3056) carrying 127.0.0.1
            # IPv4 special-purpose registry
            http://0.0.0.0/                        | 'this network'
            http://0.1.2.3/                        | 'this network'
            http://10.1.2.3/                       | private-use
            http://100.64.0.1/                     | shared address space
            http://100.100.100.200/                | shared address space
            http://127.0.0.1/                      | loopback
            http://127.255.255.254/                | loopback
            http://169.254.169.254/latest/meta-data/ | link-local
            http://172.16.0.1/                     | private-use
            http://172.31.255.255/                 | private-use
            http://192.0.0.8/                      | IETF protocol assignments
            http://192.0.0.170/                    | IETF protocol assignments
            http://192.31.196.1/                   | AS112-v4
            http://192.52.193.1/                   | AMT
            http://192.88.99.1/                    | 6to4 relay anycast
            http://192.168.0.10/                   | private-use
            http://192.175.48.1/                   | direct delegation AS112
            http://198.18.0.1/                     | benchmarking
            http://198.19.255.255/                 | benchmarking
            http://240.0.0.1/                      | reserved
            http://255.255.255.255/                | limited broadcast
            http://224.0.0.1/                      | multicast
            http://239.255.255.250/                | multicast
            # IPv6 special-purpose registry and everything outside global unicast
            http://[::1]/                          | loopback
            http://[::]/                           | unspecified
            http://[::ffff:0:a00:1]/               | IPv4-translated
            http://[64:ff9b::7f00:1]/              | NAT64 IPv4-IPv6 translation (RFC 6052) carrying 127.0.0.1
            http://[64:ff9b::808:808]/             | NAT64
            http://[64:ff9b:1::a00:1]/             | local-use IPv4-IPv6 translation
            http://[100:0:0:1::1]/                 | dummy IPv6 prefix
            http://[2001::1]/                      | Teredo
            http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/ | Teredo (RFC 4380) carrying 192.0.2.45
            http://[2001:1::1]/                    | IETF protocol assignments
            http://[2001:2::1]/                    | benchmarking
            http://[2001:3::1]/                    | AMT
            http://[2001:4:112::1]/                | AS112-v6
            http://[2001:20::1]/                   | ORCHIDv2
            http://[2001:30::1]/                   | drone remote ID
            http://[2002:a9fe:a9fe::1]/            | 6to4 (RFC 3056) carrying 169.254.169.254
            http://[2002:808:808::1]/              | 6to4
            http://[2620:4f:8000::1]/              | direct delegation AS112
            http://[3fff::1]/                      | documentation (RFC 9637)
            http://[5f00::1]/                      | segment routing
            http://[fc00::1]/                      | unique-local
            http://[fd12:3456::1]/                 | unique-local
            http://[fe80::1]/                      | link-local
            http://[fec0::1]/                      | site-local
            http://[ff02::1]/                      | multicast
            http://[400::1]/                       | outside 2000::/3
            http://[4000::1]/                      | outside 2000::/3
            http://[2a00:1450::5efe:7f00:1]/       | ISATAP address carrying 127.0.0.1
            # The JDK unwraps IPv4-mapped addresses; the IPv4 inside is what is checked
            http://[::ffff:10.0.0.1]/              | private-use
            http://[::ffff:127.0.0.1]/             | loopback
            http://[::ffff:a9fe:a9fe]/             | link-local
            # Names and odd spellings that end on the same addresses
            http://localhost:8080/                 | loopback
            http://127.1/                          | the URL has no host
            http://2130706433/                     | resolves to 127.0.0.1, a special-purpose address: loopback
            """)
    void refuses(String url, String reason) {
        assertThat(strict.refusal(URI.create(url)))
                .as(url)
                .hasValueSatisfying(refusal -> assertThat(refusal).contains(reason));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://93.184.215.14/hooks",
                "https://1.1.1.1/",
                "http://8.8.8.8:8080/hooks",
                "https://[2606:4700:4700::1111]/hooks",
                "https://[2a00:1450:4001:80b::200e]/hooks"
            })
    void acceptsPublicAddresses(String url) {
        assertThat(strict.refusal(URI.create(url))).as(url).isEmpty();
    }

    @Test
    void refusesOtherSchemesCredentialsAndHostsThatDoNotResolve() {
        assertThat(strict.refusal(URI.create("ftp://93.184.215.14/"))).hasValue("the URL must be http or https");
        assertThat(strict.refusal(URI.create("file:///etc/passwd"))).hasValue("the URL must be http or https");
        assertThat(strict.refusal(URI.create("https://user:pw@93.184.215.14/")))
                .hasValue("the URL may not carry credentials");
        assertThat(strict.refusal(URI.create("https://hooks.invalid/")))
                .hasValue("the host 'hooks.invalid' does not resolve");
    }

    /** A name with one bad address among good ones is refused: the client might connect to any. */
    @Test
    void oneForbiddenAddressAmongSeveralRefusesTheHost() throws Exception {
        var mixed = new AddressGuard(
                false,
                host -> new InetAddress[] {
                    InetAddress.getByName("93.184.215.14"), InetAddress.getByName("169.254.169.254")
                },
                Set::of);
        assertThat(mixed.refusal(URI.create("https://hooks.example/")))
                .hasValueSatisfying(refusal -> assertThat(refusal).contains("169.254.169.254"));
    }

    @Test
    void refusesTheHostsOwnAddressesEvenWhenPublic() throws Exception {
        var own = InetAddress.getByName("93.184.215.14");
        var guard = new AddressGuard(false, InetAddress::getAllByName, () -> Set.of(own));
        assertThat(guard.refusal(URI.create("https://93.184.215.14/hooks")))
                .hasValueSatisfying(refusal -> assertThat(refusal).contains("an address of this host"));
        assertThat(guard.refusal(URI.create("https://1.1.1.1/hooks"))).isEmpty();
    }

    /** With the real interface list: every address of this machine is refused, loopback or not. */
    @Test
    void everyAddressOfThisMachineIsRefused() throws Exception {
        var guard = new AddressGuard(false);
        for (var network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (var address : Collections.list(network.getInetAddresses())) {
                assertThat(guard.refusal(address)).as(address.toString()).isPresent();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9000/", "http://[::1]:9000/", "http://localhost:9000/"})
    void loopbackOnlyWhenAllowed(String url) {
        assertThat(development.refusal(URI.create(url))).as(url).isEmpty();
        assertThat(strict.refusal(URI.create(url))).as(url).isPresent();
    }

    /** Allowing loopback allows loopback itself, not the IPv6 forms wrapping it nor anything else. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://[::127.0.0.1]/",
                "http://[::ffff:0:7f00:1]/",
                "http://[64:ff9b::7f00:1]/",
                "http://[2002:7f00:1::]/",
                "http://10.0.0.1/",
                "http://169.254.169.254/",
                "http://0.0.0.0/"
            })
    void allowingLoopbackAllowsNothingElse(String url) {
        assertThat(development.refusal(URI.create(url))).as(url).isPresent();
    }
}
