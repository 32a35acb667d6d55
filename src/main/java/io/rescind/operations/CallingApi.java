package io.rescind.operations;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Which of Rescind's APIs a call came in through, from the path of the request being served: the
 * canonical API or one of the five dialects. Off a request thread the work is background work: an
 * asynchronous action (whatever API submitted it) or the expiry of pending requests.
 */
final class CallingApi {

    static final String CANONICAL = "canonical";
    static final String ASYNC = "async";
    static final String BACKGROUND = "background";

    /** Attribute holding {@link System#nanoTime()} at the request's arrival, set by {@link RequestClock}. */
    static final String ARRIVED = CallingApi.class.getName() + ".arrived";

    private CallingApi() {}

    static String current() {
        var request = currentRequest();
        if (request == null) {
            return Thread.currentThread().getName().startsWith("action-worker") ? ASYNC : BACKGROUND;
        }
        return of(request.getRequestURI());
    }

    static String of(String path) {
        if (path.startsWith("/api/")) {
            return CANONICAL;
        }
        if (path.startsWith("/purchase/")) {
            return "hlconnect";
        }
        if (path.startsWith("/v3/")) {
            return "walmart";
        }
        if (path.startsWith("/v2/orders") || path.startsWith("/mirakl/")) {
            return "mirakl";
        }
        if (path.startsWith("/v2/")) {
            return "tradecloud";
        }
        if (path.startsWith("/orders/") || path.startsWith("/timp/")) {
            return "crux";
        }
        return "other";
    }

    /** Nanoseconds since the current request arrived, or -1 off a request. */
    static long sinceArrival() {
        var request = currentRequest();
        if (request == null || !(request.getAttribute(ARRIVED) instanceof Long arrived)) {
            return -1;
        }
        return System.nanoTime() - arrived;
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest()
                : null;
    }
}
