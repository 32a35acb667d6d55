package io.rescind.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures mean "the database cannot be reached, send it again" (503), and which do not. */
class DatabaseUnavailableTest {

    @Test
    void noConnectionOrAServerShuttingDownIsUnavailable() {
        var timedOut = new SQLTransientConnectionException("rescind - Connection is not available");
        assertThat(DatabaseUnavailable.isCauseOf(
                        new CannotCreateTransactionException("Could not open JDBC Connection", timedOut)))
                .isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(new CannotGetJdbcConnectionException("Failed", timedOut)))
                .isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(
                        new RuntimeException(new SQLException("terminating connection", "57P01"))))
                .isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(new SQLException("connection refused", "08001")))
                .isTrue();
    }

    /**
     * The connection dies mid-transaction, so the rollback fails too ("Connection is closed", no
     * SQL state) and Spring throws the rollback's exception, keeping the original one aside.
     */
    @Test
    void aConnectionLostMidTransactionIsUnavailableEvenWhenTheRollbackFailedAfterIt() {
        var rollback = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        assertThat(DatabaseUnavailable.isCauseOf(rollback)).isFalse();
        rollback.initApplicationException(new DataAccessResourceFailureException(
                "PreparedStatementCallback", new SQLException("terminating connection", "57P01")));
        assertThat(DatabaseUnavailable.isCauseOf(rollback)).isTrue();

        var suppressed = new IllegalStateException("cleanup failed");
        suppressed.addSuppressed(new SQLException("An I/O error occurred", "08006"));
        assertThat(DatabaseUnavailable.isCauseOf(suppressed)).isTrue();

        // A rollback that failed after an ordinary refusal is still not an outage.
        var afterRefusal = new TransactionSystemException("JDBC rollback failed");
        afterRefusal.initApplicationException(new DataIntegrityViolationException("duplicate key"));
        assertThat(DatabaseUnavailable.isCauseOf(afterRefusal)).isFalse();
    }

    @Test
    void refusalsAndOtherFaultsAreNot() {
        assertThat(DatabaseUnavailable.isCauseOf(new DataIntegrityViolationException("duplicate key")))
                .isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(
                        new PessimisticLockingFailureException("lock", new SQLException("lock timeout", "55P03"))))
                .isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(new CannotCreateTransactionException(
                        "Cannot create savepoint for transaction which is already marked as rollback-only")))
                .isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(new IllegalStateException("bug")))
                .isFalse();
    }
}
