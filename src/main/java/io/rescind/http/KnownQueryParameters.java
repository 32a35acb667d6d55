package io.rescind.http;

import io.rescind.RescindException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The canonical API refuses query parameters its operations do not take (400 {@code
 * unknown-query-parameter}, naming them) rather than ignoring them: a misspelt filter would
 * otherwise return everything. The dialects keep their vendors' leniency.
 */
@Configuration(proxyBeanMethods = false)
class KnownQueryParameters implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new Check()).addPathPatterns("/api/v1/**");
    }

    static final class Check implements HandlerInterceptor {

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            var query = request.getQueryString();
            if (query == null || query.isEmpty() || !(handler instanceof HandlerMethod method)) {
                return true;
            }
            var known = new HashSet<String>();
            for (var parameter : method.getMethodParameters()) {
                var annotation = parameter.getParameterAnnotation(RequestParam.class);
                if (annotation == null) {
                    continue;
                }
                if (Map.class.isAssignableFrom(parameter.getParameterType())) {
                    return true; // takes any parameter
                }
                var name = !annotation.name().isEmpty()
                        ? annotation.name()
                        : !annotation.value().isEmpty() ? annotation.value() : parameter.getParameterName();
                known.add(name);
            }
            Set<String> unknown = new TreeSet<>();
            for (var pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                var name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                if (!known.contains(name)) {
                    unknown.add(name);
                }
            }
            if (!unknown.isEmpty()) {
                throw new RescindException(
                        RescindException.Kind.INVALID,
                        "unknown-query-parameter",
                        "Unknown query parameter%s: %s"
                                .formatted(unknown.size() == 1 ? "" : "s", String.join(", ", unknown)),
                        Map.of("parameters", unknown, "known", new TreeSet<>(known)));
            }
            return true;
        }
    }
}
