package com.avgym.client.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy that injects real network faults between the desk client and the server: the
 * client connects to {@link #port()}, every accepted connection is forwarded to the server's port by
 * two pump threads.
 *
 * <ul>
 *   <li>{@link #pause()}: no byte is forwarded either way, connections stay open (the server "stops
 *       answering"); {@link #resume()} forwards again.</li>
 *   <li>{@link #cutAll()}: resets every open connection and resets new ones at once until
 *       {@link #restore()}.</li>
 *   <li>{@link #refuseWebSockets(boolean)}: resets connections whose request head carries
 *       {@code Upgrade: websocket}, forwarding plain HTTP (a proxy that breaks sockets but not REST).</li>
 * </ul>
 */
public final class TcpProxy implements AutoCloseable {
    private static final int MAX_HEAD = 16 * 1024;

    private final int targetPort;
    private final ServerSocket listener;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refusedUpgrades = new AtomicInteger();
    private volatile boolean paused;
    private volatile boolean down;
    private volatile boolean refuseWebSockets;
    private volatile boolean closed;

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("proxy-accept-" + port()).start(this::acceptLoop);
    }

    public int port() {
        return listener.getLocalPort();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Stops forwarding in both directions; connections stay open. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        synchronized (gate) {
            paused = false;
            gate.notifyAll();
        }
    }

    /** Resets every open connection, and every new one until {@link #restore()}. */
    public void cutAll() {
        down = true;
        dropConnections();
    }

    public void restore() {
        down = false;
        resume();
    }

    /** Resets every open connection once; new ones are forwarded. */
    public void dropConnections() {
        for (Link l : links) {
            l.abort();
        }
        synchronized (gate) {
            gate.notifyAll();
        }
    }

    public void refuseWebSockets(boolean refuse) {
        refuseWebSockets = refuse;
    }

    public int refusedUpgrades() {
        return refusedUpgrades.get();
    }

    public int acceptedConnections() {
        return accepted.get();
    }

    public int openConnections() {
        return links.size();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            accepted.incrementAndGet();
            if (down) {
                reset(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.setTcpNoDelay(true);
                client.setTcpNoDelay(true);
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2_000);
            } catch (IOException refused) {
                reset(upstream);
                reset(client);
                continue;
            }
            Link link = new Link(client, upstream);
            links.add(link);
            link.start();
        }
    }

    private void awaitForwarding(Link link) {
        synchronized (gate) {
            while (paused && !link.dead && !closed) {
                try {
                    gate.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already closed
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        dropConnections();
    }

    private final class Link {
        private final Socket client;
        private final Socket upstream;
        private final AtomicInteger pumps = new AtomicInteger(2);
        private volatile boolean dead;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            Thread.ofPlatform().daemon().name("proxy-c2s").start(() -> pump(client, upstream, true));
            Thread.ofPlatform().daemon().name("proxy-s2c").start(() -> pump(upstream, client, false));
        }

        void abort() {
            dead = true;
            reset(client);
            reset(upstream);
            links.remove(this);
        }

        private void pump(Socket from, Socket to, boolean fromClient) {
            byte[] buf = new byte[16 * 1024];
            ByteArrayOutputStream head = fromClient ? new ByteArrayOutputStream() : null;
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) >= 0) {
                    awaitForwarding(this);
                    if (dead || closed) {
                        abort();
                        return;
                    }
                    if (head != null) {
                        head.write(buf, 0, n);
                        String text = head.toString(StandardCharsets.ISO_8859_1);
                        if (!text.contains("\r\n\r\n") && head.size() < MAX_HEAD) {
                            continue; // the request head is not complete yet
                        }
                        if (refuseWebSockets && text.toLowerCase(Locale.ROOT).contains("upgrade: websocket")) {
                            refusedUpgrades.incrementAndGet();
                            abort();
                            return;
                        }
                        out.write(head.toByteArray());
                        out.flush();
                        head = null;
                        continue;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
                // EOF: pass the half-close on
                try {
                    to.shutdownOutput();
                } catch (IOException ignored) {
                    // the other side is gone too
                }
            } catch (IOException e) {
                abort();
                return;
            }
            if (pumps.decrementAndGet() == 0) {
                abort();
            }
        }
    }
}
