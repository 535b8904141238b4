package com.avgym.server.support;

import com.avgym.protocol.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A real WebSocket client (Java-WebSocket) that records every frame it receives with its arrival
 * time, so tests can wait for a frame by predicate with a deadline.
 */
public final class WsClient extends WebSocketClient {
    public record Received(JsonNode frame, long arrivedNanos) {
    }

    public record Closed(int code, String reason, boolean remote) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private volatile long closedAtNanos;
    private final Object lock = new Object();

    private WsClient(URI uri, Map<String, String> headers) {
        super(uri, headers);
        setConnectionLostTimeout(0);
    }

    /** Connects with the token in the Authorization header and waits for hello and initial_stats. */
    public static WsClient open(String url, String accessToken) {
        WsClient c = connect(url, accessToken);
        c.awaitType("initial_stats", Duration.ofSeconds(10));
        return c;
    }

    /** Connects without waiting for any frame (for refused upgrades and close tests). */
    public static WsClient connect(String url, String accessToken) {
        Map<String, String> headers = accessToken == null ? Map.of() : Map.of("Authorization", "Bearer " + accessToken);
        WsClient c = new WsClient(URI.create(url), headers);
        try {
            c.connectBlocking(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return c;
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String message) {
        received.add(new Received(Json.parse(message), System.nanoTime()));
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closedAtNanos = System.nanoTime();
        closed.complete(new Closed(code, reason, remote));
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    @Override
    public void onError(Exception ex) {
    }

    /** Sends {@code {type, id, ts, payload}} and returns the id. */
    public String sendFrame(String type, Object payload) {
        String id = UUID.randomUUID().toString();
        ObjectNode frame = Json.MAPPER.createObjectNode();
        frame.put("type", type);
        frame.put("id", id);
        frame.put("ts", Instant.now().toString());
        frame.set("payload", Json.MAPPER.valueToTree(payload == null ? Map.of() : payload));
        send(frame.toString());
        return id;
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public List<JsonNode> frames() {
        return received.stream().map(Received::frame).toList();
    }

    public JsonNode awaitType(String type, Duration timeout) {
        return await(f -> type.equals(f.path("type").asText()), timeout, "a frame of type " + type);
    }

    /** The reply to command {@code id} (any type). */
    public JsonNode awaitReply(String id, Duration timeout) {
        return await(f -> id.equals(f.path("id").asText(null)), timeout, "the reply to " + id);
    }

    public JsonNode await(Predicate<JsonNode> match, Duration timeout, String what) {
        return awaitReceived(match, timeout, what).frame();
    }

    public Received awaitReceived(Predicate<JsonNode> match, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                for (Received r : received) {
                    if (match.test(r.frame())) {
                        return r;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out waiting for " + what + "; got " + frames());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    public Closed awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("socket did not close within " + timeout + "; frames " + frames(), e);
        }
    }

    /** System.nanoTime() when the close was seen; 0 while open. */
    public long closedAtNanos() {
        return closedAtNanos;
    }

    public boolean isClosedNow() {
        return closed.isDone();
    }
}
