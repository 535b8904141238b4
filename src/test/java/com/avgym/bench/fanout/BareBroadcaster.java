package com.avgym.bench.fanout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The reference the product is measured against: the least a Jetty 12.1 WebSocket broadcaster does. It accepts
 * every socket on /ws (no authentication, no per-socket state but the session), greets it with one frame, and on
 * POST /trigger sends one text frame shaped and sized like the product's {@code member_checked_in} to every socket,
 * answering once every frame has been written (the product's old path also answered after its fan-out; waiting is
 * the back-pressure that keeps a burst from queueing gigabytes).
 */
public final class BareBroadcaster implements AutoCloseable {
    private final Server server;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong seq = new AtomicLong();

    private BareBroadcaster(Server server) {
        this.server = server;
    }

    public static BareBroadcaster start() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("bare-http");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        BareBroadcaster bare = new BareBroadcaster(server);
        ContextHandler context = new ContextHandler("/");
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, context,
                container -> container.addMapping("/ws", (rq, rs, cb) -> bare.new Socket()));
        ws.setHandler(bare.new Trigger());
        context.setHandler(ws);
        server.setHandler(context);
        server.start();
        return bare;
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public int sockets() {
        return sessions.size();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /**
     * One frame like the product's since issue 12 (one frame per event): same envelope, a CheckInView payload whose
     * id is this event's key, with the figures after it in {@code stats}.
     */
    static String frame(long seq, String key) {
        String now = Instant.now().toString();
        return "{\"type\":\"member_checked_in\",\"ts\":\"" + now + "\",\"seq\":" + seq + ",\"payload\":{\"id\":\"" + key
                + "\",\"memberId\":\"" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8))
                + "\",\"membershipNumber\":\"M0001\",\"memberName\":\"Demo Member Number One\",\"checkInTime\":\"" + now
                + "\",\"checkOutTime\":null,\"location\":\"Bench\",\"notes\":null,\"autoClosed\":false,\"override\":null,"
                + "\"needsReview\":null,\"stats\":{\"currentlyIn\":12,\"todayTotal\":" + seq + ",\"averageStayMinutes\":47.5}}}";
    }

    public final class Socket implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
            sessions.add(s);
            s.sendText("{\"type\":\"hello\",\"payload\":{}}", org.eclipse.jetty.websocket.api.Callback.NOOP);
        }

        @Override
        public void onWebSocketClose(int code, String reason) {
            sessions.remove(session);
        }
    }

    /** POST /trigger: one frame to every socket; answers the event's key when all were written. */
    private final class Trigger extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (!"/trigger".equals(Request.getPathInContext(request))) {
                return false;
            }
            String key = UUID.randomUUID().toString();
            String text = frame(seq.incrementAndGet(), key);
            Set<Session> targets = Set.copyOf(sessions);
            CountDownLatch written = new CountDownLatch(targets.size());
            org.eclipse.jetty.websocket.api.Callback done = org.eclipse.jetty.websocket.api.Callback.from(
                    written::countDown, x -> written.countDown());
            for (Session s : targets) {
                s.sendText(text, done);
            }
            written.await(30, TimeUnit.SECONDS);
            response.setStatus(200);
            response.write(true, java.nio.ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }
}
