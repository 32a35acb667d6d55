package io.rescind.http;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionSystemException;

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

    /**
     * Whether {@code failure} comes from the database being out of reach, looking through its
     * causes, its suppressed exceptions and — when the connection died mid-transaction and the
     * rollback failed in turn ("Connection is closed") — the exception the failed rollback replaced,
     * which Spring keeps as the {@link TransactionSystemException}'s application exception.
     */
    public static boolean isCauseOf(Throwable failure) {
        return isCauseOf(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean isCauseOf(Throwable failure, Set<Throwable> seen) {
        for (var cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
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
            if (cause instanceof TransactionSystemException rollback
                    && rollback.getApplicationException() != null
                    && isCauseOf(rollback.getApplicationException(), seen)) {
                return true;
            }
            for (var suppressed : cause.getSuppressed()) {
                if (isCauseOf(suppressed, seen)) {
                    return true;
                }
            }
        }
        return false;
    }
}
