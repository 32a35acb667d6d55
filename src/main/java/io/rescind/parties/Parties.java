package io.rescind.parties;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class Parties {

    private static final RowMapper<Party> PARTY = (rs, n) -> new Party(
            rs.getObject("tenant_id", UUID.class),
            rs.getObject("party_id", UUID.class),
            rs.getString("name"),
            PartyRole.valueOf(rs.getString("role")),
            rs.getObject("created_at", OffsetDateTime.class).toInstant());

    private final JdbcClient jdbc;

    Parties(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Party> find(UUID tenantId, UUID partyId) {
        return jdbc.sql("select * from parties where tenant_id = :tenant and party_id = :party")
                .param("tenant", tenantId)
                .param("party", partyId)
                .query(PARTY)
                .optional();
    }

    List<Party> list(UUID tenantId) {
        return jdbc.sql("select * from parties where tenant_id = :tenant order by created_at, party_id")
                .param("tenant", tenantId)
                .query(PARTY)
                .list();
    }

    Party create(UUID tenantId, String name, PartyRole role) {
        return jdbc.sql("""
                        insert into parties (tenant_id, party_id, name, role)
                        values (:tenant, :party, :name, :role)
                        returning *
                        """)
                .param("tenant", tenantId)
                .param("party", UUID.randomUUID())
                .param("name", name)
                .param("role", role.name())
                .query(PARTY)
                .single();
    }

    UUID createTenant(String name) {
        var id = UUID.randomUUID();
        jdbc.sql("insert into tenants (tenant_id, name) values (:id, :name)")
                .param("id", id)
                .param("name", name)
                .update();
        return id;
    }

    Tenant tenant(java.util.UUID tenantId) {
        return jdbc.sql("select tenant_id, name, created_at from tenants where tenant_id = :id")
                .param("id", tenantId)
                .query(Parties::tenant)
                .single();
    }

    /** The party another system knows as {@code externalId} in {@code channel} (Tradecloud's account numbers). */
    public Optional<UUID> findByReference(UUID tenantId, String channel, String externalId) {
        return jdbc.sql("""
                        select party_id from party_references
                        where tenant_id = :tenant and channel = :channel and external_id = :external
                        """)
                .param("tenant", tenantId)
                .param("channel", channel)
                .param("external", externalId)
                .query(UUID.class)
                .optional();
    }

    public References references(UUID tenantId, UUID partyId) {
        var byChannel = new java.util.HashMap<String, String>();
        jdbc.sql("select channel, external_id from party_references where tenant_id = :tenant and party_id = :party")
                .param("tenant", tenantId)
                .param("party", partyId)
                .query(rs -> {
                    byChannel.put(rs.getString("channel"), rs.getString("external_id"));
                });
        return new References(byChannel);
    }

    void addReferences(UUID tenantId, UUID partyId, References references) {
        for (var entry : references.byChannel().entrySet()) {
            jdbc.sql("""
                            insert into party_references (tenant_id, channel, external_id, party_id)
                            values (:tenant, :channel, :external, :party)
                            """)
                    .param("tenant", tenantId)
                    .param("channel", entry.getKey())
                    .param("external", entry.getValue())
                    .param("party", partyId)
                    .update();
        }
    }

    Optional<Tenant> findTenant(java.util.UUID tenantId) {
        return jdbc.sql("select tenant_id, name, created_at from tenants where tenant_id = :id")
                .param("id", tenantId)
                .query(Parties::tenant)
                .optional();
    }

    List<Tenant> tenants() {
        return jdbc.sql("select tenant_id, name, created_at from tenants order by created_at, name")
                .query(Parties::tenant)
                .list();
    }

    private static Tenant tenant(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Tenant(
                rs.getObject("tenant_id", java.util.UUID.class),
                rs.getString("name"),
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
    }

    boolean anyTenant() {
        return jdbc.sql("select exists (select 1 from tenants)")
                .query(Boolean.class)
                .single();
    }
}
