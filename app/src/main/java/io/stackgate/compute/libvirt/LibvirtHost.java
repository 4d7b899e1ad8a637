package io.stackgate.compute.libvirt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.stackgate.compute.ComputeProperties;
import io.stackgate.compute.HostStatus;
import io.stackgate.compute.HypervisorFailure;
import org.libvirt.Connect;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One libvirt host: its connection (opened once, shared, reopened when it breaks), the threads its calls run on and
 * whether it answers. A libvirt call cannot be interrupted, so a host that hangs keeps the threads it was given:
 * only its own. Whoever asked stops waiting at the timeout and the host counts as not answering until a call or a
 * health probe gets an answer again. One connection attempt at a time; a hung one makes later calls fail at once.
 */
final class LibvirtHost {

    /** Work on the host's connection. */
    interface Call<T> {
        T on(Connect connection) throws LibvirtException;
    }

    private static final Logger log = LoggerFactory.getLogger(LibvirtHost.class);
    private static final Set<ErrorNumber> BROKEN_CONNECTION = Set.of(ErrorNumber.VIR_ERR_SYSTEM_ERROR,
            ErrorNumber.VIR_ERR_RPC, ErrorNumber.VIR_ERR_NO_CONNECT, ErrorNumber.VIR_ERR_INVALID_CONN);

    private final String name;
    private final String uri;
    private final ComputeProperties.Libvirt settings;
    private final ThreadPoolExecutor threads;
    private final Clock clock;

    // guarded by this
    private Connect connection;
    private CompletableFuture<Connect> opening;
    private Instant openingSince;

    private volatile HostStatus status;

    LibvirtHost(String name, String uri, ComputeProperties.Libvirt settings, Clock clock) {
        this.name = name;
        this.clock = clock;
        this.uri = uri;
        this.settings = settings;
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(settings.threadsPerHost(), settings.threadsPerHost(), 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), work -> {
                    Thread thread = new Thread(work, "libvirt-" + name + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.threads.allowCoreThreadTimeOut(true);
    }

    /** Runs the call on the host's threads, waiting at most the call timeout; a broken connection is reopened once. */
    <T> T call(Call<T> call) {
        Connect current = connection(settings.connectTimeout(), false);
        try {
            return attempt(current, call, settings.callTimeout());
        } catch (BrokenConnection first) {
            log.info("libvirt connection to {} broke ({}); reconnecting", name, first.getMessage());
            drop(current);
            Connect again = connection(settings.connectTimeout(), false);
            try {
                return attempt(again, call, settings.callTimeout());
            } catch (BrokenConnection second) {
                drop(again);
                status = HostStatus.down(second.getMessage(), clock.instant());
                throw new HypervisorFailure(name, second.getMessage(), second.getCause());
            }
        }
    }

    /**
     * Whether the host answers: the last status while it is fresh, else a probe that waits at most the probe timeout
     * (and tries a new connection when an earlier attempt hangs).
     */
    HostStatus status() {
        HostStatus known = status;
        Instant now = clock.instant();
        if (known != null && known.checkedAt().plus(settings.statusCacheFor()).isAfter(now)) {
            return known;
        }
        try {
            Connect current = connection(settings.probeTimeout(), true);
            attempt(current, Connect::getLibVersion, settings.probeTimeout());
        } catch (BrokenConnection broken) {
            drop(broken.connection);
            status = HostStatus.down(broken.getMessage(), clock.instant());
        } catch (HypervisorFailure failure) {
            // the failure has set the status
        }
        return status;
    }

    /** Closes the connection and stops the threads; a close that hangs is left behind (daemon threads). */
    void close() {
        Connect current;
        synchronized (this) {
            current = connection;
            connection = null;
        }
        if (current != null) {
            Future<?> closing = threads.submit(() -> closeQuietly(current));
            try {
                closing.get(settings.probeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                log.debug("closing the connection to {}: {}", name, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.shutdownNow();
    }

    private <T> T attempt(Connect current, Call<T> call, Duration timeout) {
        Future<T> future;
        try {
            future = threads.submit(() -> call.on(current));
        } catch (RejectedExecutionException closed) {
            throw new HypervisorFailure(name, "its connection is closed (the application is stopping)", closed);
        }
        try {
            T result = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            status = HostStatus.up(clock.instant());
            return result;
        } catch (TimeoutException e) {
            future.cancel(true);
            threads.purge();
            throw notAnswering("no answer within " + timeout);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new HypervisorFailure(name, "interrupted while waiting for an answer", e);
        } catch (ExecutionException e) {
            throw failure(current, e.getCause());
        }
    }

    private RuntimeException failure(Connect current, Throwable cause) {
        if (cause instanceof LibvirtException libvirt) {
            // keepalive closes a connection whose peer went silent: its calls fail with an internal error
            if (BROKEN_CONNECTION.contains(libvirt.getError().getCode()) || !alive(current)) {
                return new BrokenConnection(current, libvirt);
            }
            // an error is an answer: the host is up
            status = HostStatus.up(clock.instant());
            return new HypervisorFailure(name, libvirt.getMessage(), libvirt);
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new HypervisorFailure(name, String.valueOf(cause), cause);
    }

    /**
     * The open connection, or one opened now (on the host's threads, at most {@code wait}). While an earlier attempt
     * hangs past the connect timeout, calls fail at once; a probe ({@code retryHung}) starts another attempt.
     */
    private Connect connection(Duration wait, boolean retryHung) {
        CompletableFuture<Connect> attempt;
        Duration left = wait;
        synchronized (this) {
            if (connection != null) {
                return connection;
            }
            Instant now = clock.instant();
            boolean hung = opening != null && openingSince.plus(settings.connectTimeout()).isBefore(now);
            // every thread of the host stuck in a call or an attempt: another attempt would only queue behind them
            if (hung && (!retryHung || threads.getActiveCount() >= settings.threadsPerHost())) {
                throw notAnswering("no connection within " + settings.connectTimeout() + " (trying since " + openingSince + ")");
            }
            if (opening == null || hung) {
                attempt = open();
            } else {
                attempt = opening;
                Duration remaining = Duration.between(now, openingSince.plus(settings.connectTimeout()));
                left = remaining.compareTo(wait) < 0 ? remaining : wait;
            }
        }
        try {
            return attempt.get(Math.max(left.toMillis(), 1), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw notAnswering("no connection within " + wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HypervisorFailure(name, "interrupted while connecting", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = cause instanceof LibvirtException libvirt ? libvirt.getMessage() : String.valueOf(cause);
            status = HostStatus.down(message, clock.instant());
            throw new HypervisorFailure(name, message, cause);
        }
    }

    // called holding the lock
    private CompletableFuture<Connect> open() {
        CompletableFuture<Connect> attempt = new CompletableFuture<>();
        opening = attempt;
        openingSince = clock.instant();
        try {
            threads.execute(() -> {
                try {
                    Connect opened = new Connect(uri);
                    keepAlive(opened);
                    opened(attempt, opened);
                } catch (LibvirtException | RuntimeException e) {
                    failedToOpen(attempt, e);
                    attempt.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException closed) {
            opening = null;
            throw new HypervisorFailure(name, "its connection is closed (the application is stopping)", closed);
        }
        return attempt;
    }

    private synchronized void opened(CompletableFuture<Connect> attempt, Connect opened) {
        if (opening == attempt) {
            opening = null;
        }
        if (connection == null) {
            connection = opened;
        } else {
            // a retried attempt won meanwhile: keep one connection
            closeQuietly(opened);
        }
        status = HostStatus.up(clock.instant());
        attempt.complete(connection);
    }

    private synchronized void failedToOpen(CompletableFuture<Connect> attempt, Exception failure) {
        if (opening == attempt) {
            opening = null;
        }
        status = HostStatus.down(failure.getMessage(), clock.instant());
    }

    /** libvirt keepalive: a peer that stops answering closes the connection, so calls waiting on it fail. */
    private void keepAlive(Connect opened) {
        try {
            opened.setKeepAlive((int) Math.max(1, settings.keepAliveInterval().toSeconds()), settings.keepAliveCount());
        } catch (LibvirtException e) {
            // local drivers (the test driver) have no keepalive: nothing between us and them can hang
            log.debug("no libvirt keepalive on {}: {}", name, e.getMessage());
        }
    }

    /** libvirt's own view of the connection (no call to the host). */
    private static boolean alive(Connect connection) {
        try {
            return connection.isAlive();
        } catch (LibvirtException e) {
            return false;
        }
    }

    private void drop(Connect broken) {
        synchronized (this) {
            if (connection == broken) {
                connection = null;
            }
        }
        try {
            threads.execute(() -> closeQuietly(broken));
        } catch (RejectedExecutionException closed) {
            // stopping: nothing left to close it on
        }
    }

    private HypervisorFailure notAnswering(String detail) {
        String reason = "not answering: " + detail;
        status = HostStatus.down(reason, clock.instant());
        return new HypervisorFailure(name, reason, null);
    }

    private void closeQuietly(Connect connect) {
        try {
            connect.close();
        } catch (LibvirtException e) {
            log.debug("closing the connection to {}: {}", name, e.getMessage());
        }
    }

    /** A call failed because the connection broke: reopen and try once more. */
    private static final class BrokenConnection extends RuntimeException {

        private final transient Connect connection;

        BrokenConnection(Connect connection, LibvirtException cause) {
            super(cause.getMessage(), cause);
            this.connection = connection;
        }
    }
}
