package io.stackgate.compute.libvirt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A host that hangs: a loopback TCP server that accepts every connection and never says a word. libvirt's remote
 * driver ({@code qemu+tcp://127.0.0.1:<port>/system}) then waits forever for its RPC handshake.
 */
public final class HungTcpServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    public HungTcpServer() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread accepting = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    held.add(server.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "hung-host");
        accepting.setDaemon(true);
        accepting.start();
    }

    public String uri() {
        return "qemu+tcp://127.0.0.1:" + server.getLocalPort() + "/system";
    }

    /** How many connections it took (and never answered). */
    public int accepted() {
        return held.size();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : held) {
            socket.close();
        }
    }
}
