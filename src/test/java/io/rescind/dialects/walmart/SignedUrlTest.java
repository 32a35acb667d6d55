package io.rescind.dialects.walmart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which URL a signature is checked against, directly and behind a proxy. */
class SignedUrlTest {

    static MockHttpServletRequest request() {
        var request = new MockHttpServletRequest("GET", "/v3/ca/orders");
        request.setScheme("http");
        request.setServerName("10.0.0.7");
        request.setServerPort(8080);
        request.setQueryString("createdStartDate=2020-01-01&limit=5");
        return request;
    }

    @Test
    void withoutAPublicBaseUrlTheUrlIsTheOneReceived() {
        assertThat(SignatureFilter.fullUrl(null, request()))
                .isEqualTo("http://10.0.0.7:8080/v3/ca/orders?createdStartDate=2020-01-01&limit=5");
    }

    @Test
    void behindAProxyThePublicBaseUrlReplacesSchemeHostAndPort() {
        assertThat(SignatureFilter.fullUrl("https://walmart.rescind.example/", request()))
                .isEqualTo("https://walmart.rescind.example/v3/ca/orders?createdStartDate=2020-01-01&limit=5");
    }

    @Test
    void aRequestWithoutQueryHasNoQuestionMark() {
        var request = request();
        request.setQueryString(null);

        assertThat(SignatureFilter.fullUrl("https://walmart.rescind.example", request))
                .isEqualTo("https://walmart.rescind.example/v3/ca/orders");
    }
}
