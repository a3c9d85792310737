package io.pushmon.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a Kubernetes Service is to a service's pods, on loopback: one address whose connections are spread
 * round-robin over the instances whose process is running, so a caller configured with one URL (the gateway's
 * {@code pushmon.processor.url}) reaches whichever instances exist. An instance leaves the rotation when its
 * process ends, as a pod leaves its Service's endpoints when its container exits; connections already open to it
 * break, as they would in a cluster. It forwards bytes, not HTTP, so callers see exactly what the instance answered.
 */
final class ServiceBalancer implements AutoCloseable {

    /** One instance behind the address: its process (in rotation while alive) and its port. */
    record Backend(ManagedProcess process, int port) {
    }

    private static final int CONNECT_TIMEOUT_MS = 1000;

    private final String name;
    private final List<Backend> backends;
    private final ServerSocket server;
    private final ExecutorService threads;
    private final AtomicInteger next = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private ServiceBalancer(String name, int port, List<Backend> backends) throws IOException {
        this.name = name;
        this.backends = List.copyOf(backends);
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, name + "-balancer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Listens on {@code port} and starts spreading connections over {@code backends}. */
    static ServiceBalancer open(String name, int port, List<Backend> backends) {
        try {
            ServiceBalancer balancer = new ServiceBalancer(name, port, backends);
            balancer.threads.execute(balancer::acceptLoop);
            return balancer;
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen for " + name + " on port " + port, e);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                open.add(client);
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException(name + " balancer stopped accepting", e);
                }
            }
        }
    }

    private void serve(Socket client) {
        Socket backend = connectToNext();
        if (backend == null) {
            // No instance runs: the caller sees a closed connection, as with a Service that has no endpoints.
            closeQuietly(client);
            return;
        }
        open.add(backend);
        threads.execute(() -> pipe(client, backend));
        pipe(backend, client);
    }

    /** The next running instance that accepts a connection, or null if none does. */
    private Socket connectToNext() {
        for (int tried = 0; tried < backends.size(); tried++) {
            Backend candidate = backends.get(Math.floorMod(next.getAndIncrement(), backends.size()));
            if (!candidate.process().isAlive()) {
                continue;
            }
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate.port()),
                        CONNECT_TIMEOUT_MS);
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
            }
        }
        return null;
    }

    /** Copies one direction until it ends, then closes both sockets so the other direction ends too. */
    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException ended) {
            // The other direction, close(), or a killed instance ended it; the caller sees the connection break.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException alreadyBroken) {
            // Closing is all that was wanted.
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException alreadyClosed) {
            // Nothing listens any more either way.
        }
        open.forEach(this::closeQuietly);
        threads.shutdownNow();
    }
}
