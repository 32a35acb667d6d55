package io.rescind.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Host;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers, in the shape of the API the path belongs to, what is refused before the application:
 * Tomcat's own refusals replace its HTML error report, and the security firewall's rejections
 * replace Spring Boot's default error body.
 */
@Configuration(proxyBeanMethods = false)
class EdgeAnswers {

    /** Tomcat's error report, shaped: installed on the host in place of its HTML one. */
    @Bean
    TomcatContextCustomizer shapedErrorReports(ObjectProvider<EdgeErrors> apis) {
        return context -> {
            var host = (Host) context.getParent();
            host.getPipeline().addValve(new ShapedErrorReport(apis));
            // The host adds its error report valve only when none of this class is in its pipeline.
            ((org.apache.catalina.core.StandardHost) host).setErrorReportValveClass(ShapedErrorReport.class.getName());
            // Spring Boot adds a plain one of its own (no server info, no report); by the time the
            // context starts the host's pipeline is complete, and only ours stays.
            context.addLifecycleListener(event -> {
                if (org.apache.catalina.Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                    for (var valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve && !(valve instanceof ShapedErrorReport)) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                }
            });
        };
    }

    /** The firewall's rejections (an empty path segment, a path traversal...). */
    @Bean
    RequestRejectedHandler shapedRejections(ObjectProvider<EdgeErrors> apis) {
        return (request, response, rejected) ->
                write(request.getRequestURI(), apis, HttpStatus.BAD_REQUEST.value(), rejected.getMessage(), response);
    }

    static EdgeErrors.Answer answer(String path, List<EdgeErrors> apis, int status, String detail) {
        if (path != null) {
            for (var api : apis) {
                if (api.owns(path)) {
                    return api.answer(path, status, detail);
                }
            }
        }
        var reason = HttpStatus.resolve(status);
        var code = reason == null ? "error" : reason.name().toLowerCase().replace('_', '-');
        var body = "{\"type\":\"/problems/%s\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\"}"
                .formatted(
                        code,
                        reason == null ? "Error" : reason.getReasonPhrase(),
                        status,
                        detail.replace("\\", "\\\\").replace("\"", "\\\""));
        return new EdgeErrors.Answer(status, "application/problem+json", body);
    }

    private static void write(
            String path, ObjectProvider<EdgeErrors> apis, int status, String detail, HttpServletResponse response)
            throws IOException {
        var answer = answer(path, apis.orderedStream().toList(), status, detail);
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        response.setCharacterEncoding(StandardCharsets.UTF_8);
        response.getOutputStream().write(answer.body().getBytes(StandardCharsets.UTF_8));
    }

    /** Tomcat's {@link ErrorReportValve}, writing the API's error shape instead of an HTML page. */
    static final class ShapedErrorReport extends ErrorReportValve {

        private final ObjectProvider<EdgeErrors> apis;

        /** Tomcat may instantiate the class by name; the instance the host uses is the one added above. */
        public ShapedErrorReport() {
            this(null);
        }

        ShapedErrorReport(ObjectProvider<EdgeErrors> apis) {
            this.apis = apis;
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0) {
                return;
            }
            var ioAllowed = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get() || !response.setErrorReported()) {
                return;
            }
            var reason = HttpStatus.resolve(status);
            var message = response.getMessage();
            var detail = message != null && !message.isBlank()
                    ? message
                    : reason == null ? "The request was refused" : reason.getReasonPhrase();
            var answer = answer(
                    pathOf(request),
                    apis == null ? List.of() : apis.orderedStream().toList(),
                    status,
                    detail);
            try {
                response.setStatus(answer.status());
                response.setContentType(answer.contentType());
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                var writer = response.getReporter();
                if (writer != null) {
                    writer.write(answer.body());
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone or the response was taken over: nothing more to say
            }
        }

        private static String pathOf(HttpServletRequest request) {
            try {
                return request.getRequestURI();
            } catch (RuntimeException unparsed) {
                return null;
            }
        }
    }
}
