package com.avgym.server.cluster;

import com.avgym.protocol.Json;
import com.avgym.server.db.Database;
import com.avgym.server.db.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every node that a session was revoked or a user lost access, so each closes its own sockets of them
 * (4401 / 4403). The change's transaction carries a {@code NOTIFY avgym_control}: PostgreSQL delivers it to
 * every listening node at commit and never for a rolled-back change. The sending node acts at once after its
 * commit ({@link #deliver}) rather than waiting for its own echo, which it ignores. On SQLite (one process)
 * there is nobody else to tell: {@link #publish} does nothing and {@link #deliver} is all of it.
 *
 * <p>A node whose LISTEN connection was lost may have missed orders; when it listens again the
 * {@code onReconnected} hooks re-check its sockets against the database.
 */
public final class ControlChannel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlChannel.class);

    private final String node;
    private final String channel;
    private final PgListener listener;
    private final List<Consumer<String>> sessionRevoked = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> userChanged = new CopyOnWriteArrayList<>();
    private final List<Runnable> reconnected = new CopyOnWriteArrayList<>();

    private ControlChannel(String node, String channel, DedicatedConnections connections) {
        this.node = node;
        this.channel = channel;
        this.listener = connections == null ? null
                : new PgListener(connections, channel, this::received, () -> reconnected.forEach(Runnable::run));
    }

    /** In-process only: for SQLite and for services used without a server. */
    public static ControlChannel local(String node) {
        return new ControlChannel(node, null, null);
    }

    /** The channel for {@code db}: listening on PostgreSQL, in-process on SQLite. */
    public static ControlChannel open(Database db, String node, DedicatedConnections connections) {
        if (db.isSqlite()) {
            return local(node);
        }
        String channel = db.read(c -> DedicatedConnections.scopedName(c, "avgym_control"));
        ControlChannel control = new ControlChannel(node, channel, connections);
        control.listener.start();
        return control;
    }

    public String node() {
        return node;
    }

    /** True on SQLite; on PostgreSQL once the LISTEN is established. */
    public boolean listening() {
        return listener == null || listener.listening();
    }

    public void onSessionRevoked(Consumer<String> handler) {
        sessionRevoked.add(handler);
    }

    public void onUserChanged(Consumer<String> handler) {
        userChanged.add(handler);
    }

    /** Runs after a lost LISTEN is back: orders sent meanwhile were missed. */
    public void onReconnected(Runnable hook) {
        reconnected.add(hook);
    }

    public ControlMessage sessionRevoked(String sessionId) {
        return new ControlMessage(node, ControlMessage.SESSION_REVOKED, sessionId);
    }

    public ControlMessage userChanged(String userId) {
        return new ControlMessage(node, ControlMessage.USER_CHANGED, userId);
    }

    /** Queues {@code message} for the other nodes in the caller's transaction {@code tx} (sent at its commit). */
    public void publish(Connection tx, ControlMessage message) throws SQLException {
        if (channel != null) {
            Sql.one(tx, "SELECT pg_notify(?, ?)", rs -> rs.getString(1), channel, Json.write(message));
        }
    }

    /** Acts on {@code message} on this node; call it after the transaction that published it committed. */
    public void deliver(ControlMessage message) {
        List<Consumer<String>> handlers = switch (message.kind()) {
            case ControlMessage.SESSION_REVOKED -> sessionRevoked;
            case ControlMessage.USER_CHANGED -> userChanged;
            default -> List.of();
        };
        for (Consumer<String> h : handlers) {
            h.accept(message.id());
        }
    }

    private void received(String payload) {
        ControlMessage message;
        try {
            JsonNode json = Json.parse(payload);
            message = new ControlMessage(json.path("node").asText(), json.path("kind").asText(), json.path("id").asText());
        } catch (RuntimeException e) {
            log.warn("ignoring a control notification that is not a control message");
            return;
        }
        if (node.equals(message.node()) || message.id().isEmpty()) {
            return;
        }
        log.debug("control {} from node {}", message.kind(), message.node());
        deliver(message);
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
    }
}
