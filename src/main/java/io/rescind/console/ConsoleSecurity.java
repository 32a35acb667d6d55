package io.rescind.console;

import io.rescind.parties.ApiKeys;
import io.rescind.parties.PartyRole;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * The console's own filter chain, ahead of every API chain: a session cookie after signing in with
 * an API key, CSRF tokens on every form, sign-out. The API chains stay stateless and never read
 * the cookie.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    static final String SIGN_IN = "/console/sign-in";
    static final String DENIED = "/console/denied";

    /** Where a signed-in party's context lives; the sign-in page writes to the same place. */
    static final SecurityContextRepository SESSIONS = new HttpSessionSecurityContextRepository();

    @Bean
    @Order(1)
    SecurityFilterChain console(HttpSecurity http, ApiKeys keys) {
        return http.securityMatcher("/console", "/console/**", "/webjars/htmx.org/**")
                .authorizeHttpRequests(
                        requests -> requests.requestMatchers(SIGN_IN, "/console/assets/**", "/webjars/htmx.org/**")
                                .permitAll()
                                .requestMatchers("/console/operator/**")
                                .hasRole(PartyRole.OPERATOR.name())
                                .anyRequest()
                                .authenticated())
                .securityContext(context -> context.securityContextRepository(SESSIONS))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(SIGN_IN))
                        .accessDeniedPage(DENIED))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.logoutUrl("/console/sign-out")
                        .logoutSuccessUrl(SIGN_IN + "?signed-out")
                        .deleteCookies("JSESSIONID"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
                                + " frame-ancestors 'none'; form-action 'self'")))
                .addFilterBefore(new KeyStillValid(keys), AuthorizationFilter.class)
                .build();
    }
}
