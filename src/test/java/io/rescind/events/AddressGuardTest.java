package io.rescind.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class AddressGuardTest {

    private final AddressGuard strict = new AddressGuard(false);
    private final AddressGuard development = new AddressGuard(true);

    @Test
    void refusesNonPublicAddresses() {
        for (var url : new String[] {
            "http://127.0.0.1/",
            "http://localhost:8080/",
            "http://[::1]/",
            "http://169.254.169.254/latest/meta-data/",
            "http://10.1.2.3/",
            "http://172.31.0.1/",
            "http://192.168.0.10/",
            "http://100.100.100.200/",
            "http://0.0.0.0/",
            "http://[fc00::1]/",
            "http://[fe80::1]/",
            "http://[::ffff:10.0.0.1]/",
            "http://224.0.0.1/",
            "http://255.255.255.255/",
        }) {
            assertThat(strict.refusal(URI.create(url))).as(url).isPresent();
        }
    }

    @Test
    void acceptsPublicAddresses() {
        assertThat(strict.refusal(URI.create("https://93.184.215.14/hooks"))).isEmpty();
        assertThat(strict.refusal(URI.create("https://[2606:4700:4700::1111]/hooks")))
                .isEmpty();
    }

    @Test
    void refusesOtherSchemesAndCredentials() {
        assertThat(strict.refusal(URI.create("ftp://93.184.215.14/"))).isPresent();
        assertThat(strict.refusal(URI.create("file:///etc/passwd"))).isPresent();
        assertThat(strict.refusal(URI.create("https://user:pw@93.184.215.14/"))).isPresent();
    }

    @Test
    void loopbackOnlyWhenAllowed() {
        assertThat(development.refusal(URI.create("http://127.0.0.1:9000/"))).isEmpty();
        assertThat(development.refusal(URI.create("http://10.0.0.1/"))).isPresent();
        assertThat(development.refusal(URI.create("http://169.254.169.254/"))).isPresent();
    }
}
