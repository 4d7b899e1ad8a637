package io.stackgate.compute;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * The real libvirtd with QEMU that deploy/libvirt/setup-host.sh prepares, and the test guest it builds: the tests
 * that need them skip without them, or fail when STACKGATE_REQUIRE_REAL_HYPERVISOR=1 (CI).
 */
final class RealHypervisor {

    static final String URI = "qemu:///system";
    static final Path GUEST = Path.of(System.getenv().getOrDefault("STACKGATE_TEST_GUEST_DIR", "/var/cache/stackgate/test-guest"));

    private RealHypervisor() {
    }

    /** Skips the calling test class unless libvirtd answers and the guest exists for every given arch. */
    static void requireOrSkip(String... arches) {
        Optional<String> missing = missing(arches);
        if (missing.isPresent() && "1".equals(System.getenv("STACKGATE_REQUIRE_REAL_HYPERVISOR"))) {
            throw new AssertionError("STACKGATE_REQUIRE_REAL_HYPERVISOR=1 but there is no " + missing.get());
        }
        Assumptions.assumeTrue(missing.isEmpty(), () -> "no real hypervisor here: " + missing.orElse(""));
    }

    private static Optional<String> missing(String... arches) {
        for (String arch : arches) {
            if (!Files.exists(GUEST.resolve(arch + "/vmlinuz")) || !Files.exists(GUEST.resolve(arch + "/initrd.img"))) {
                return Optional.of("test guest for " + arch + " in " + GUEST + " (deploy/libvirt/setup-host.sh builds it)");
            }
        }
        try {
            new Connect(URI).close();
            return Optional.empty();
        } catch (LibvirtException | UnsatisfiedLinkError e) {
            return Optional.of("libvirtd at " + URI + " (deploy/libvirt/setup-host.sh starts it): " + e.getMessage());
        }
    }
}
