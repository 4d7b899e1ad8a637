package io.stackgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import io.stackgate.fixtures.reach.ReachApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;

/**
 * Capabilities talk to each other only through their public face (the types of their root package), never into
 * another capability's sub-packages (its inside), and never in a cycle.
 */
class ModularityTest {

    @Test
    void capabilitiesRespectTheirBoundaries() {
        ApplicationModules.of(StackgateApplication.class).verify();
    }

    @Test
    void capabilitiesHaveInsides() {
        ApplicationModules modules = ApplicationModules.of(StackgateApplication.class);
        for (String module : new String[] {"compute", "kubernetes", "identity", "tenancy", "requests", "approvals"}) {
            assertThat(modules.getModuleByName(module)).as(module).isPresent();
            String base = modules.getModuleByName(module).orElseThrow().getBasePackage().getName();
            assertThat(modules.getModuleByName(module).orElseThrow().getBasePackage().stream()
                    .map(JavaClass::getPackageName).filter(p -> !p.equals(base)).distinct().count())
                    .as(module + "'s sub-packages").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aReachIntoAnotherCapabilitysInsideFailsTheCheck() {
        // the fixture lives in test classes, which the default import leaves out
        ApplicationModules fixture = ApplicationModules.of(ReachApplication.class, location -> true);

        assertThatThrownBy(fixture::verify).isInstanceOf(Violations.class)
                .hasMessageContaining("Hidden");
    }
}
