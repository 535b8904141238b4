package com.avgym.cluster.support;

import com.avgym.server.auth.SigningKey;
import com.avgym.server.support.Rest;
import com.avgym.server.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Two or three real server processes on one PostgreSQL schema behind a real HAProxy. The schema is created
 * and seeded with the demo data (password {@link TestServer#PASSWORD}, cheap hashing) by an in-process server
 * that is stopped before the nodes start; every node gets a copy of one signing key, as an operator would
 * install it, so a token issued by one node is accepted by the others.
 */
public final class Cluster implements AutoCloseable {
    public static final String PASSWORD = TestServer.PASSWORD;
    private static final String[] NAMES = {"a", "b", "c"};

    private final Path dir;
    private final List<ServerNode> nodes;
    private final Haproxy haproxy;

    private Cluster(Path dir, List<ServerNode> nodes, Haproxy haproxy) {
        this.dir = dir;
        this.nodes = nodes;
        this.haproxy = haproxy;
    }

    /** Starts {@code count} nodes (2 or 3), each with {@code nodeArgs} added to its command line, and HAProxy. */
    public static Cluster start(Path dir, int count, List<String> nodeArgs) {
        if (count < 2 || count > NAMES.length) {
            throw new IllegalArgumentException("2 or 3 nodes, not " + count);
        }
        List<ServerNode> nodes = new ArrayList<>();
        try {
            Path seedDir = Files.createDirectories(dir.resolve("seed"));
            // migrations and demo data once, before any node: two nodes seeding one empty database would race
            TestServer.start(seedDir, UnaryOperator.identity()).close();
            String jdbcUrl = TestServer.databaseFor(seedDir);
            for (int i = 0; i < count; i++) {
                Path nodeDir = Files.createDirectories(dir.resolve("node-" + NAMES[i]));
                Files.copy(seedDir.resolve(SigningKey.FILE_NAME), nodeDir.resolve(SigningKey.FILE_NAME));
                nodes.add(new ServerNode(NAMES[i], nodeDir, jdbcUrl, nodeArgs));
            }
            for (ServerNode n : nodes) {
                n.start();
            }
            return new Cluster(dir, nodes, Haproxy.start(dir.resolve("haproxy"), nodes));
        } catch (IOException e) {
            nodes.forEach(ServerNode::kill0);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            nodes.forEach(ServerNode::kill0);
            throw e;
        }
    }

    public ServerNode node(int index) {
        return nodes.get(index);
    }

    public List<ServerNode> nodes() {
        return List.copyOf(nodes);
    }

    public Haproxy haproxy() {
        return haproxy;
    }

    /** REST through the load balancer. */
    public Rest rest() {
        return new Rest(haproxy.baseUrl());
    }

    /** REST straight to one node. */
    public static Rest rest(ServerNode node) {
        return new Rest(node.baseUrl());
    }

    /** Makes new connections land on {@code target}: every other node goes to maintenance in HAProxy. */
    public void routeNewConnectionsTo(ServerNode target) {
        for (ServerNode n : nodes) {
            if (n != target) {
                haproxy.maintenance(n);
            }
        }
        haproxy.ready(target);
        haproxy.awaitStatus(target, "UP");
    }

    /** Puts every live node back in rotation and waits until HAProxy sees it UP. */
    public void routeToAll() {
        for (ServerNode n : nodes) {
            haproxy.ready(n);
        }
        for (ServerNode n : nodes) {
            if (n.isAlive()) {
                haproxy.awaitStatus(n, "UP");
            }
        }
    }

    /** The logs of every node and HAProxy, for a failure message. */
    public String logs() {
        StringBuilder b = new StringBuilder();
        for (ServerNode n : nodes) {
            b.append("--- node ").append(n.name()).append(" ---\n").append(tail(n.logText()));
        }
        return b.append("--- haproxy ---\n").append(tail(haproxy.logText())).toString();
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        haproxy.close();
        nodes.forEach(ServerNode::kill0);
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
    }
}
