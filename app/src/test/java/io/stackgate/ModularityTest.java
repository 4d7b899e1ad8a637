package io.stackgate;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Capabilities talk to each other only through their public top-level types, and never in a cycle. */
class ModularityTest {

    @Test
    void capabilitiesRespectTheirBoundaries() {
        ApplicationModules.of(StackgateApplication.class).verify();
    }
}
