package com.avgym.client;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/** {@link Transport} on Java-WebSocket. The token travels in the Authorization header, never the URL. */
public final class JavaWebSocketTransport implements Transport {
    private final int connectTimeoutMs;
    private final ServerTrust trust;

    public JavaWebSocketTransport(int connectTimeoutMs) {
        this(connectTimeoutMs, ServerTrust.system());
    }

    /** wss:// checks the server by {@code trust}; a pin with a ws:// address is refused rather than sent in clear. */
    public JavaWebSocketTransport(int connectTimeoutMs, ServerTrust trust) {
        this.connectTimeoutMs = connectTimeoutMs;
        this.trust = trust;
    }

    @Override
    public Socket connect(URI uri, String accessToken, Listener listener) {
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
        if (trust.isPinned() && !secure) {
            throw new IllegalArgumentException("a pinned server certificate needs a wss:// socket address, not " + uri);
        }
        AtomicReference<Exception> failure = new AtomicReference<>();
        WebSocketClient client = new WebSocketClient(uri, new org.java_websocket.drafts.Draft_6455(),
                Map.of("Authorization", "Bearer " + accessToken), connectTimeoutMs) {
            @Override
            public void onOpen(ServerHandshake handshake) {
                listener.onOpen();
            }

            @Override
            public void onMessage(String message) {
                listener.onText(message);
            }

            @Override
            public void onMessage(ByteBuffer bytes) {
                // protocol v1 has no binary frames
            }

            @Override
            public void onClose(int code, String reason, boolean remote) {
                // A refused certificate reaches us as "never connected"; tell it apart from a network failure.
                Optional<UntrustedServerException> untrusted = UntrustedServerException.of(failure.get());
                if (untrusted.isPresent()) {
                    listener.onClosed(FailureClassifier.TLS_REFUSED, untrusted.get().getMessage());
                } else {
                    listener.onClosed(code, reason);
                }
            }

            @Override
            public void onError(Exception ex) {
                // onClose always follows with the code we classify
                failure.compareAndSet(null, ex);
            }
        };
        if (secure && trust.isPinned()) {
            client.setSocketFactory(trust.sslContext().getSocketFactory());
        }
        // Our own heartbeat decides liveness; Java-WebSocket's ping timer would be a second one.
        client.setConnectionLostTimeout(0);
        client.setTcpNoDelay(true);
        client.connect();
        return new Socket() {
            @Override
            public void send(String text) {
                if (client.isOpen()) {
                    client.send(text);
                }
            }

            @Override
            public void close(int code, String reason) {
                client.close(code, reason);
            }

            @Override
            public void abort() {
                client.closeConnection(org.java_websocket.framing.CloseFrame.ABNORMAL_CLOSE, "aborted by client");
            }
        };
    }
}
