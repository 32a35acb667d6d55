package io.rescind.dialects.hlconnect;

/** One checked component of Rescind, as HL Connect's health call reports it. */
record HealthItem(String name, boolean health) {}
