package io.rescind.signatures;

import java.time.Instant;
import java.util.UUID;

/** A registered consumer: who signs in with it, and its public identifiers (never its secrets). */
public record Consumer(String consumerId, UUID partyId, String channelType, String clientId, Instant createdAt) {}
