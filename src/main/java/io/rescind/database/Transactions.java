package io.rescind.database;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transaction manager, as Spring Boot would make it, except for one thing: it does not try to
 * roll back on a connection that is already gone. When PostgreSQL dies under a transaction, the
 * statement (or the commit) fails with a connection error, the pool marks the connection broken,
 * and a rollback on it could only fail with "Connection is closed" — an exception that would replace
 * the connection error, so the request was answered 500 instead of 503. The server has ended the
 * transaction itself; skipping the rollback lets the real error through.
 */
@Configuration(proxyBeanMethods = false)
class Transactions {

    private static final Logger log = LoggerFactory.getLogger(Transactions.class);

    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource) {
            @Override
            protected void doRollback(DefaultTransactionStatus status) {
                if (TransactionSynchronizationManager.getResource(obtainDataSource()) instanceof ConnectionHolder holder
                        && gone(holder)) {
                    log.warn("Not rolling back on a connection that is gone: the database ended the transaction");
                    return;
                }
                super.doRollback(status);
            }
        };
    }

    private static boolean gone(ConnectionHolder holder) {
        try {
            Connection connection = holder.getConnection();
            return connection.isClosed();
        } catch (SQLException | IllegalStateException e) {
            return true;
        }
    }
}
