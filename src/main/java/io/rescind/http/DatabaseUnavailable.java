package io.rescind.http;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Recognises a failure that means the database cannot be reached (stopped, restarting, no free
 * connection in time): nothing was stored, and the client should send the request again later. Every
 * error handler asks {@link #isCauseOf} to answer 503 with {@code Retry-After} in its own shape.
 */
public final class DatabaseUnavailable {

    /** Seconds a client is asked to wait before sending again. */
    public static final String RETRY_AFTER_SECONDS = "5";

    /** admin_shutdown, crash_shutdown, cannot_connect_now; and too_many_connections. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseUnavailable() {}

    /** A 503 with {@code Retry-After}, for an error handler to give a body in its own shape. */
    public static ResponseEntity.BodyBuilder respond() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }

    public static boolean isCauseOf(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
