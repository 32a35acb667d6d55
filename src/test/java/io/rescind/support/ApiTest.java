package io.rescind.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Base of every integration test: one application on a random port over one embedded PostgreSQL
 * per test JVM (the context, and so the database, is shared by every subclass). Tests isolate
 * themselves by creating their own parties and orders, never by cleaning tables.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "rescind.database.embedded.data-dir=target/embedded-pg",
            "rescind.database.embedded.clean=true",
            "rescind.database.embedded.fsync=false",
            "rescind.bootstrap.demo=false",
            "rescind.bootstrap.operator-key=" + ApiTest.OPERATOR_KEY,
            "rescind.admin.key=" + ApiTest.ADMIN_KEY,
            "rescind.http.max-body=64KB",
            "rescind.operations.backlog-refresh=100ms",
            // Every test calls from 127.0.0.1, many with wrong keys on purpose: the per-source
            // throttle of failed authentications is tested on its own (FailedAuthenticationTest).
            "rescind.rate-limits.failed-authentications=1000000",
            // Events out, fast for tests: short polls and backoffs, receivers on loopback, Kafka on
            // the embedded broker that junit-platform.properties starts once per test JVM.
            "rescind.events.relay.interval=50ms",
            "rescind.events.webhooks.interval=50ms",
            "rescind.events.webhooks.initial-backoff=100ms",
            "rescind.events.webhooks.max-backoff=400ms",
            "rescind.events.webhooks.max-attempts=4",
            "rescind.events.webhooks.timeout=5s",
            "rescind.events.webhooks.allow-loopback=true",
            "rescind.events.webhooks.max-backlog=100",
            "rescind.events.webhooks.circuit.pause=300ms",
            "rescind.events.webhooks.circuit.max-pause=1s",
            "rescind.events.kafka.enabled=true",
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"
        })
public abstract class ApiTest {

    public static final String OPERATOR_KEY = "rk_test_operator_key_for_the_whole_suite";
    public static final String ADMIN_KEY = "rk_test_administrator_key_above_every_tenant";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected Api api;
    protected Fixtures given;

    @BeforeEach
    void connect() {
        api = new Api(port);
        given = new Fixtures(api, jdbc);
    }
}
