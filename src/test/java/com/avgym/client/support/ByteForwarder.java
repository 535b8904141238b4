package com.avgym.client.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP forwarder that passes bytes through untouched (so TLS works end to end, unlike {@link TcpProxy},
 * which reads HTTP heads), records the first byte each client sends (0x16 opens a TLS handshake; 'G' or 'P' would
 * be plain HTTP), and can be pointed at another server, as if the address now led somewhere else.
 */
public final class ByteForwarder implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Integer> firstBytes = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile int targetPort;
    private volatile boolean closed;

    public ByteForwarder(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("forwarder-accept").start(this::acceptLoop);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The first byte of every connection so far, in arrival order. */
    public List<Integer> firstBytes() {
        return List.copyOf(firstBytes);
    }

    /** New connections go to {@code port}; open ones are cut. */
    public void pointAt(int port) {
        targetPort = port;
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Thread.ofPlatform().daemon().name("forwarder-link").start(() -> link(client));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void link(Socket client) {
        Socket upstream = new Socket();
        open.add(client);
        open.add(upstream);
        try {
            int first = client.getInputStream().read();
            if (first < 0) {
                return;
            }
            firstBytes.add(first);
            upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2_000);
            upstream.getOutputStream().write(first);
            Thread.ofPlatform().daemon().name("forwarder-s2c").start(() -> pump(upstream, client));
            pump(client, upstream);
        } catch (IOException e) {
            // either side gone
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buf = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // either side gone
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
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
        pointAt(targetPort);
    }
}
