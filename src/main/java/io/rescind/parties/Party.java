package io.rescind.parties;

import java.time.Instant;
import java.util.UUID;

public record Party(UUID tenantId, UUID id, String name, PartyRole role, Instant createdAt) {}
