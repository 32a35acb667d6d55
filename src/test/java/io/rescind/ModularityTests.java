package io.rescind;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The capability packages stay boundaries: no cycles, no reaching into another's internals. */
class ModularityTests {

    @Test
    void modulesRespectTheirDeclaredDependencies() {
        ApplicationModules.of(RescindApplication.class).verify();
    }
}
