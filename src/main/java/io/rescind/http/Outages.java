package io.rescind.http;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;

/** The outermost {@link OutageFilter}: a 503 problem for whatever no dialect answered in its own shape. */
@Configuration(proxyBeanMethods = false)
class Outages {

    @Bean
    FilterRegistrationBean<OutageFilter> outageFilter() {
        var filter = new OutageFilter((request, response) -> {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write("""
                    {"type":"/problems/service-unavailable","title":"Service Unavailable","status":503,\
                    "detail":"The database cannot be reached; nothing was stored. Send the request again later."}""");
        });
        var registration = new FilterRegistrationBean<>(filter);
        // Inside the body bound, outside Spring Security.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
