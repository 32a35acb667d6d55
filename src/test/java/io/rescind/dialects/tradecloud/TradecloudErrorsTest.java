package io.rescind.dialects.tradecloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.CannotCreateTransactionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a Tradecloud client gets when the database cannot be reached after its credentials were
 * checked: the advice is called with the failures Spring raises when no connection can be had.
 * {@code DatabaseOutageTest} stops the database itself.
 */
class TradecloudErrorsTest {

    private final TradecloudErrors errors =
            new TradecloudErrors(JsonMapper.builder().build());

    @Test
    void noDatabaseIs503WithRetryAfter() {
        var noConnection = new SQLTransientConnectionException("Connection is not available");
        for (var failure : new Exception[] {
            new CannotCreateTransactionException("Could not open JDBC Connection for transaction", noConnection),
            new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", noConnection)
        }) {
            var response = errors.failed(failure, new MockHttpServletRequest("POST", "/v2/api-connector/order"));
            assertThat(response.getStatusCode().value()).isEqualTo(503);
            assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("5");
            assertThat(((TradecloudError.Body) response.getBody()).ok()).isFalse();
        }
    }
}
