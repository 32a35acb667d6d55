package io.rescind.dialects.hlconnect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The X-Environment value comes from configuration, production unless told otherwise. */
class HlConnectSettingsTest {

    private static HlConnectProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("rescind.dialects.hlconnect", HlConnectProperties.class);
    }

    @Test
    void theEnvironmentIsProductionByDefault() {
        assertThat(bind(Map.of()).environment()).isEqualTo("production");
    }

    @Test
    void theEnvironmentCanBeSetForASandbox() {
        assertThat(bind(Map.of("rescind.dialects.hlconnect.environment", "sandbox"))
                        .environment())
                .isEqualTo("sandbox");
    }
}
