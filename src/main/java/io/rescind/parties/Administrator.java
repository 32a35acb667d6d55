package io.rescind.parties;

/**
 * Whoever holds the administrator key ({@code rescind.admin.key}): above every tenant, it only
 * creates tenants and their first operators. It is no party and sees no orders.
 */
public record Administrator() {}
