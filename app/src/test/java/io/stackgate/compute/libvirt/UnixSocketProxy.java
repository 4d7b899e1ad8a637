package io.stackgate.compute.libvirt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A unix-socket proxy in front of libvirtd's socket that can stop passing bytes on ({@link #silence()}) and resume
 * ({@link #resume()}): a host whose connection is open but that no longer answers, as a hung libvirtd or a network
 * that drops everything would be. libvirt reaches it as {@code qemu+unix:///system?socket=<path>}.
 */
final class UnixSocketProxy implements AutoCloseable {

    private final Path path;
    private final Path target;
    private final ServerSocketChannel server;
    private final List<SocketChannel> channels = new CopyOnWriteArrayList<>();
    private volatile boolean silent;

    UnixSocketProxy(Path target, Path folder) {
        this.target = target;
        this.path = folder.resolve("libvirt-proxy.sock");
        try {
            Files.deleteIfExists(path);
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon(this::accept, "proxy-accept");
    }

    String uri() {
        return "qemu+unix:///system?socket=" + path;
    }

    /** Nothing passes any more, in either direction: the peer seems to hang. */
    void silence() {
        silent = true;
    }

    void resume() {
        synchronized (this) {
            silent = false;
            notifyAll();
        }
    }

    @Override
    public void close() throws IOException {
        resume();
        server.close();
        for (SocketChannel channel : channels) {
            channel.close();
        }
        Files.deleteIfExists(path);
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                SocketChannel libvirtd = SocketChannel.open(UnixDomainSocketAddress.of(target));
                channels.add(client);
                channels.add(libvirtd);
                daemon(() -> pump(client, libvirtd), "proxy-up");
                daemon(() -> pump(libvirtd, client), "proxy-down");
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                awaitVoice();
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
        } catch (IOException | InterruptedException closed) {
            // one side went away: so does the other
        }
        try {
            to.close();
            from.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private synchronized void awaitVoice() throws InterruptedException {
        while (silent) {
            wait();
        }
    }

    private static void daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }
}
