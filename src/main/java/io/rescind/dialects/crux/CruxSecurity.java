package io.rescind.dialects.crux;

import io.rescind.http.DialectSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Crux's paths take {@code Authorization: Token <key>}; 401 and 403 come in the dialect's shape. */
@Configuration(proxyBeanMethods = false)
class CruxSecurity {

    static final String[] PATHS = {"/orders/**", "/timp/**"};

    @Bean
    @Order(30)
    SecurityFilterChain crux(HttpSecurity http, DialectSecurity security, CruxErrors errors) {
        return security.apiKeys(security.chain(http, errors, PATHS), "Token", errors)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .build();
    }
}
