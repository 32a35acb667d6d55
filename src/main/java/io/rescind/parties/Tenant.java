package io.rescind.parties;

import java.time.Instant;
import java.util.UUID;

/** A company using Rescind: its parties, orders and everything else are its own. */
public record Tenant(UUID id, String name, Instant createdAt) {}
