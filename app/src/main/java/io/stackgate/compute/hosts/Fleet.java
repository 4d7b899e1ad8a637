package io.stackgate.compute.hosts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.stackgate.compute.ComputeProperties.Host;
import io.stackgate.compute.ComputeProperties;
import io.stackgate.compute.demo.DemoHypervisor;
import io.stackgate.compute.libvirt.TestHostXml;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The configured hosts with the URI each is reached at: a libvirt URI, or {@code demo:} for the in-process demo
 * hypervisor. Writes the host XMLs of libvirt test-driver hosts ({@code test:generated}).
 */
@Component
public class Fleet {

    /** The URI scheme of hosts on the in-process demo hypervisor ({@link DemoHypervisor}). */
    public static final String DEMO = "demo:";

    private final List<Host> hosts;

    @Autowired
    Fleet(ComputeProperties properties) {
        this(properties.hosts().stream()
                .map(host -> resolve(host, Path.of(properties.testHostDir()), properties.images())).toList());
    }

    private Fleet(List<Host> hosts) {
        Set<String> names = new HashSet<>();
        hosts.forEach(host -> {
            if (!names.add(host.name())) {
                throw new IllegalStateException("stackgate.compute.hosts: host " + host.name() + " is declared twice");
            }
        });
        this.hosts = List.copyOf(hosts);
    }

    /** A fleet of exactly these hosts (URIs taken as they are). */
    public static Fleet of(List<Host> hosts) {
        return new Fleet(hosts);
    }

    public List<Host> hosts() {
        return hosts;
    }

    public Optional<Host> host(String name) {
        return hosts.stream().filter(host -> host.name().equals(name)).findFirst();
    }

    /** Whether the host lives on the in-process demo hypervisor rather than on libvirt. */
    public static boolean isDemo(Host host) {
        return host.uri().startsWith(DEMO);
    }

    private static Host resolve(Host host, Path testHostDir, List<ComputeProperties.Image> images) {
        if (!host.uri().equals(ComputeProperties.GENERATED_TEST_HOST)) {
            return host;
        }
        try {
            Files.createDirectories(testHostDir);
            Path xml = testHostDir.resolve(host.name() + ".xml").toAbsolutePath().normalize();
            Files.writeString(xml, TestHostXml.of(host, images));
            return new Host(host.name(), "test://" + xml, host.arch(), host.domainType(), host.capacity(),
                    host.overcommit(), host.gpus(), host.labels(), host.storage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test host XML of " + host.name(), e);
        }
    }
}
