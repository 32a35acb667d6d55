package io.rescind.parties;

import io.rescind.RescindException;
import io.rescind.RescindException.Kind;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** The administrator creates tenants, each with its first operator, who takes it from there. */
@Service
public class TenantAdministration {

    /** A new tenant, its first operator and that operator's key, shown this once. */
    public record IssuedTenant(Tenant tenant, Party operator, String apiKey) {}

    private final Parties parties;
    private final ApiKeys keys;
    private final TransactionTemplate transactions;

    TenantAdministration(Parties parties, ApiKeys keys, TransactionTemplate transactions) {
        this.parties = parties;
        this.keys = keys;
        this.transactions = transactions;
    }

    public IssuedTenant create(Administrator administrator, String name, String operatorName) {
        try {
            return transactions.execute(tx -> {
                var tenant = parties.tenant(parties.createTenant(name));
                var operator = parties.create(tenant.id(), operatorName, PartyRole.OPERATOR);
                return new IssuedTenant(tenant, operator, keys.issue(tenant.id(), operator.id()));
            });
        } catch (DuplicateKeyException taken) {
            throw new RescindException(
                    Kind.CONFLICT, "tenant-name-taken", "A tenant named '%s' exists already".formatted(name));
        }
    }

    public Tenant get(Administrator administrator, java.util.UUID tenantId) {
        return parties.findTenant(tenantId).orElseThrow(() -> RescindException.notFound("Tenant"));
    }

    public List<Tenant> list(Administrator administrator) {
        return parties.tenants();
    }
}
