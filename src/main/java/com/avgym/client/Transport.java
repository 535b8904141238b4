package com.avgym.client;

import java.net.URI;

/** Opens sockets. Callbacks may come on any thread; the connection service moves them onto its own. */
public interface Transport {

    interface Listener {
        void onOpen();

        void onText(String text);

        /** Closed, or never opened: {@code code} is the close code (Java-WebSocket's -1 for never connected). */
        void onClosed(int code, String reason);
    }

    interface Socket {
        void send(String text);

        /** Starts a close handshake; {@link Listener#onClosed} follows. */
        void close(int code, String reason);

        /** Drops the connection without a handshake (a dead peer would never answer one). */
        void abort();
    }

    Socket connect(URI uri, String accessToken, Listener listener);
}
