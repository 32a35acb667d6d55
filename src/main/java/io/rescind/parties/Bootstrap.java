package io.rescind.parties;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Gives a fresh database a tenant and parties to start with. */
@Component
class Bootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private final BootstrapProperties properties;
    private final Parties parties;
    private final ApiKeys keys;
    private final JdbcClient jdbc;

    Bootstrap(BootstrapProperties properties, Parties parties, ApiKeys keys, JdbcClient jdbc) {
        this.properties = properties;
        this.parties = parties;
        this.keys = keys;
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        // Serialises the first start of several instances sharing one database.
        jdbc.sql("select pg_advisory_xact_lock(7291001)").query().singleRow();
        if (!parties.anyTenant()) {
            var tenant = parties.createTenant("default");
            if (properties.demo()) {
                createDemoParties(tenant);
            }
        }
        if (properties.operatorKey() != null && !properties.operatorKey().isBlank()) {
            registerOperatorKey(properties.operatorKey());
        }
    }

    private void createDemoParties(UUID tenant) {
        var banner = new StringBuilder("Demo parties created; their keys are shown this once:");
        for (var role : PartyRole.values()) {
            var party = parties.create(tenant, "Demo " + role.name().toLowerCase(), role);
            banner.append("%n  %-8s %s  key %s".formatted(role, party.id(), keys.issue(tenant, party.id())));
        }
        log.info(banner.toString());
    }

    private void registerOperatorKey(String key) {
        if (keys.authenticate(key).isPresent()) {
            return;
        }
        var tenant = jdbc.sql("select tenant_id from tenants order by created_at limit 1")
                .query(UUID.class)
                .single();
        var operator = parties.create(tenant, "Configured operator", PartyRole.OPERATOR);
        keys.register(tenant, operator.id(), key);
        log.info("Configured operator key registered for operator {}", operator.id());
    }
}
