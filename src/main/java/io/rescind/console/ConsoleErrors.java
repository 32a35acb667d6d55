package io.rescind.console;

import io.rescind.RescindException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Refusals on console pages become pages in plain words with the API's status: an order the
 * party may not see is "not found", exactly as the API answers it.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    @ExceptionHandler(RescindException.class)
    String refused(RescindException refusal, HttpServletResponse response, Model model) {
        var status = switch (refusal.kind()) {
            case NOT_FOUND -> 404;
            case FORBIDDEN -> 403;
            case UNAUTHENTICATED -> 401;
            case CONFLICT -> 409;
            case INVALID -> 400;
            case UNPROCESSABLE -> 422;
        };
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute(
                "title",
                switch (refusal.kind()) {
                    case NOT_FOUND -> "Not found";
                    case FORBIDDEN -> "Not allowed";
                    default -> "Not done";
                });
        model.addAttribute(
                "message",
                refusal.kind() == RescindException.Kind.NOT_FOUND
                        ? refusal.getMessage() + ": it does not exist, or it is not yours to see."
                        : refusal.getMessage());
        return "console/error";
    }

    /** A malformed id in an address is an address that leads nowhere. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    String badAddress(HttpServletResponse response, Model model) {
        response.setStatus(404);
        model.addAttribute("status", 404);
        model.addAttribute("title", "Not found");
        model.addAttribute("message", "Nothing is at this address.");
        return "console/error";
    }
}
