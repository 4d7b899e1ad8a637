package io.stackgate.compute;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.stackgate.compute.hosts.HostHypervisors;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Test-only: the real hypervisor adapters, with a failure injected on demand before or after one named operation (after:
 * the real call has happened, as when a connection drops between "defined" and "answered"). Passes everything
 * through when no fault is set; it can also make an operation slow. Every Spring test context uses it in place of the
 * adapters.
 */
public class FailingHypervisor implements Hypervisor {

    /** @param times how many calls fail (then it passes again); {@code Integer.MAX_VALUE} for always */
    record Fault(String operation, boolean afterRealCall, int times, String message) {
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        @Primary
        FailingHypervisor failingHypervisor(HostHypervisors real) {
            return new FailingHypervisor(real);
        }
    }

    /** The operation takes {@code delay} longer, before or after the real call. */
    record Slowness(String operation, boolean afterRealCall, java.time.Duration delay) {
    }

    private final Hypervisor real;
    private final AtomicReference<Fault> fault = new AtomicReference<>();
    private final AtomicReference<Slowness> slow = new AtomicReference<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final Map<String, byte[]> uploads = new ConcurrentHashMap<>();

    public FailingHypervisor(Hypervisor real) {
        this.real = real;
    }

    /** Fails every call of the operation from now on. */
    public void failAlways(String operation, boolean afterRealCall) {
        failAlways(operation, afterRealCall, null);
    }

    /** Fails every call of the operation from now on, with this message (libvirt's can be long). */
    public void failAlways(String operation, boolean afterRealCall, String message) {
        failures.set(0);
        fault.set(new Fault(operation, afterRealCall, Integer.MAX_VALUE, message));
    }

    /** Fails the next {@code times} calls of the operation, then passes again. */
    public void failTimes(String operation, boolean afterRealCall, int times) {
        failures.set(0);
        fault.set(new Fault(operation, afterRealCall, times, null));
    }

    public void heal() {
        fault.set(null);
        slow.set(null);
    }

    /** From now on the operation takes {@code delay} longer, before or after the real call: a slow host. */
    public void slowDown(String operation, boolean afterRealCall, java.time.Duration delay) {
        slow.set(new Slowness(operation, afterRealCall, delay));
    }

    public int failures() {
        return failures.get();
    }

    private void fault(String operation, boolean after) {
        Slowness slowness = slow.get();
        if (slowness != null && slowness.operation().equals(operation) && slowness.afterRealCall() == after) {
            try {
                Thread.sleep(slowness.delay().toMillis()); // a slow host, not a wait for an outcome
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Fault current = fault.get();
        if (current != null && current.operation().equals(operation) && current.afterRealCall() == after
                && failures.get() < current.times()) {
            failures.incrementAndGet();
            throw new HypervisorFailure("injected", current.message() != null ? current.message()
                    : operation + " failed (injected " + (after ? "after" : "before") + " the real call)", null);
        }
    }

    /** Fault "isUp": the health check itself fails (an unexpected failure, unlike a host reported down). */
    @Override
    public HostStatus status(String host) {
        fault("isUp", false);
        HostStatus result = real.status(host);
        fault("isUp", true);
        return result;
    }

    @Override
    public List<DomainState> domains(String host) {
        fault("domains", false);
        List<DomainState> result = real.domains(host);
        fault("domains", true);
        return result;
    }

    @Override
    public DomainState define(String host, String domainXml) {
        fault("define", false);
        DomainState result = real.define(host, domainXml);
        fault("define", true);
        return result;
    }

    @Override
    public void start(String host, String name) {
        fault("start", false);
        real.start(host, name);
        fault("start", true);
    }

    @Override
    public void shutdown(String host, String name) {
        fault("shutdown", false);
        real.shutdown(host, name);
        fault("shutdown", true);
    }

    @Override
    public void reboot(String host, String name) {
        fault("reboot", false);
        real.reboot(host, name);
        fault("reboot", true);
    }

    @Override
    public void destroy(String host, String name) {
        fault("destroy", false);
        real.destroy(host, name);
        fault("destroy", true);
    }

    @Override
    public void undefine(String host, String name) {
        fault("undefine", false);
        real.undefine(host, name);
        fault("undefine", true);
    }

    @Override
    public Optional<DomainState> lookup(String host, String name) {
        fault("lookup", false);
        Optional<DomainState> result = real.lookup(host, name);
        fault("lookup", true);
        return result;
    }

    @Override
    public Optional<DomainState> lookup(String host, UUID uuid) {
        fault("lookup", false);
        Optional<DomainState> result = real.lookup(host, uuid);
        fault("lookup", true);
        return result;
    }

    @Override
    public Optional<String> domainXml(String host, String name) {
        fault("domainXml", false);
        Optional<String> result = real.domainXml(host, name);
        fault("domainXml", true);
        return result;
    }

    @Override
    public Optional<String> ipv4Address(String host, String name) {
        fault("ipv4Address", false);
        Optional<String> result = real.ipv4Address(host, name);
        fault("ipv4Address", true);
        return result;
    }

    @Override
    public void ensurePool(String host, String pool, String path) {
        fault("ensurePool", false);
        real.ensurePool(host, pool, path);
        fault("ensurePool", true);
    }

    @Override
    public String ensureVolume(String host, String pool, String volumeXml) {
        fault("ensureVolume", false);
        String result = real.ensureVolume(host, pool, volumeXml);
        fault("ensureVolume", true);
        return result;
    }

    @Override
    public void upload(String host, String pool, String volume, byte[] content) {
        fault("upload", false);
        real.upload(host, pool, volume, content);
        uploads.put(volume, content.clone());
        fault("upload", true);
    }

    /** The cloud-config user-data in the seed ISO last uploaded for the domain (ISO 9660 keeps file contents as is). */
    public String userData(String domain) {
        byte[] seed = uploaded(domain + "-seed.iso").orElseThrow(() -> new AssertionError("no seed uploaded for " + domain));
        String iso = new String(seed, java.nio.charset.StandardCharsets.ISO_8859_1);
        int start = iso.indexOf("#cloud-config");
        int end = iso.indexOf('\0', start);
        return new String(seed, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** What was last uploaded into the volume of that name (the test driver keeps no content): a VM's seed. */
    public Optional<byte[]> uploaded(String volume) {
        return Optional.ofNullable(uploads.get(volume)).map(byte[]::clone);
    }

    @Override
    public void deleteVolume(String host, String pool, String volume) {
        fault("deleteVolume", false);
        real.deleteVolume(host, pool, volume);
        fault("deleteVolume", true);
    }

    @Override
    public Optional<String> volumePath(String host, String pool, String volume) {
        fault("volumePath", false);
        Optional<String> result = real.volumePath(host, pool, volume);
        fault("volumePath", true);
        return result;
    }

    @Override
    public List<String> volumes(String host, String pool) {
        fault("volumes", false);
        List<String> result = real.volumes(host, pool);
        fault("volumes", true);
        return result;
    }

    @Override
    public void ensureNetwork(String host, String networkXml) {
        fault("ensureNetwork", false);
        real.ensureNetwork(host, networkXml);
        fault("ensureNetwork", true);
    }

    @Override
    public void deleteNetwork(String host, String name) {
        fault("deleteNetwork", false);
        real.deleteNetwork(host, name);
        fault("deleteNetwork", true);
    }

    @Override
    public List<String> networks(String host) {
        fault("networks", false);
        List<String> result = real.networks(host);
        fault("networks", true);
        return result;
    }
}
