package io.rescind.parties;

import java.util.UUID;

/** The authenticated party behind a request. */
public record Caller(UUID tenantId, UUID partyId, PartyRole role) {

    public boolean isOperator() {
        return role == PartyRole.OPERATOR;
    }
}
