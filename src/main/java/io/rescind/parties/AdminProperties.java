package io.rescind.parties;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The administrator above all tenants.
 *
 * @param key the administrator's key; unset (the default) turns tenant administration off. At
 *     least 32 characters: it guards every tenant.
 */
@ConfigurationProperties("rescind.admin")
record AdminProperties(String key) {

    AdminProperties {
        if (key != null && !key.isBlank() && key.strip().length() < 32) {
            throw new IllegalArgumentException("rescind.admin.key must be at least 32 characters long");
        }
        key = key == null || key.isBlank() ? null : key.strip();
    }
}
