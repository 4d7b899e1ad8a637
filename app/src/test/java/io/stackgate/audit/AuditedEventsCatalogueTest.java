package io.stackgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.stackgate.audit.log.AuditedEvents;
import org.junit.jupiter.api.Test;

/**
 * Every event type the platform publishes is recorded by the audit log, or named as not recorded with the reason.
 * Published events are found in the byte code: the records of a capability's public face constructed in a method (or
 * lambda) that hands something to {@code publishEvent}.
 */
class AuditedEventsCatalogueTest {

    @Test
    void everyPublishedEventIsRecordedOrSaysWhyNot() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.stackgate");
        Set<String> published = new TreeSet<>();
        for (JavaClass type : classes) {
            for (JavaCodeUnit unit : type.getCodeUnits()) {
                boolean publishes = unit.getMethodCallsFromSelf().stream()
                        .anyMatch(call -> call.getName().equals("publishEvent"));
                if (publishes) {
                    unit.getConstructorCallsFromSelf().stream().map(call -> call.getTargetOwner())
                            .filter(owner -> owner.isRecord() && isPublicFace(owner)
                                    && !NOT_EVENTS.contains(owner.getSimpleName()))
                            .forEach(owner -> published.add(owner.getName()));
                }
            }
        }
        Set<String> catalogued = new TreeSet<>();
        AuditedEvents.recorded().forEach(type -> catalogued.add(type.getName()));
        AuditedEvents.NOT_RECORDED.keySet().forEach(type -> catalogued.add(type.getName()));

        assertThat(published).as("events the capabilities publish").hasSizeGreaterThan(25);
        assertThat(catalogued).as("recorded or left out with a reason").containsAll(published);
    }

    /** Records of a capability's public face built beside a publishEvent call that are not events themselves. */
    private static final Set<String> NOT_EVENTS = Set.of("Quota", "QuotaReservation", "VmInstance", "VmNaming",
            "NodePoolSpec", "ResourceRequest");

    /** Events are part of a capability's public face: its root package (io.stackgate.<capability>). */
    private static boolean isPublicFace(JavaClass type) {
        return type.getPackageName().matches("io\\.stackgate\\.[a-z]+");
    }
}
