package io.stackgate.compute.libvirt;

import java.util.Optional;

import com.sun.jna.NativeLibrary;
import org.libvirt.Connect;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libvirt's client library ({@code libvirt.so.0}, Debian's {@code libvirt0}), which the Java binding loads through
 * JNA. It is optional: without it the app runs, libvirt hosts are DOWN naming what is missing, and {@code demo:}
 * hosts work as ever. Loaded once per JVM on first need (a failed load would poison the binding's classes for good,
 * so it is tried through JNA alone first); once loaded, libvirt's own error printing is silenced (errors reach us as
 * exceptions) and its default event loop runs on a daemon thread, which libvirt's keepalive needs.
 */
final class LibvirtLibrary {

    static final String INSTALL = "apt-get install libvirt0";

    private static final Logger log = LoggerFactory.getLogger(LibvirtLibrary.class);

    // a static field: JNA must not lose the callback to the garbage collector
    private static final org.libvirt.jna.Libvirt.VirErrorCallback QUIET = (userData, error) -> { };

    private static Optional<String> missing;

    private LibvirtLibrary() {
    }

    /** Empty when the library is loaded; else what is missing and how to install it. */
    static synchronized Optional<String> missing() {
        if (missing == null) {
            missing = load();
        }
        return missing;
    }

    private static Optional<String> load() {
        try {
            NativeLibrary.getInstance("virt");
        } catch (UnsatisfiedLinkError e) {
            return Optional.of("libvirt's client library (libvirt.so.0) is not installed: " + INSTALL);
        }
        try {
            Connect.setErrorCallback(QUIET);
            Library.initEventLoop();
        } catch (LibvirtException | LinkageError e) {
            return Optional.of("libvirt's client library cannot be used (" + e.getMessage() + "): " + INSTALL);
        }
        Thread events = new Thread(LibvirtLibrary::runEvents, "libvirt-events");
        events.setDaemon(true);
        events.start();
        return Optional.empty();
    }

    private static void runEvents() {
        while (true) {
            try {
                Library.processEvent();
            } catch (LibvirtException e) {
                log.debug("libvirt's event loop: {}", e.getMessage());
                java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L); // no busy loop on a persistent error
            }
        }
    }
}
