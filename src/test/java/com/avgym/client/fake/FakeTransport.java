package com.avgym.client.fake;

import com.avgym.client.Transport;
import com.avgym.protocol.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Records every socket the service opens; the test plays the server's part on each. */
public final class FakeTransport implements Transport {
    public final class FakeSocket implements Socket {
        public final String token;
        public final Listener listener;
        public final List<JsonNode> sent = new ArrayList<>();
        public boolean aborted;
        public Integer closedWith;

        FakeSocket(String token, Listener listener) {
            this.token = token;
            this.listener = listener;
        }

        @Override
        public void send(String text) {
            sent.add(Json.parse(text));
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code;
        }

        @Override
        public void abort() {
            aborted = true;
        }

        public void receive(String json) {
            listener.onText(json);
        }

        public void serverClose(int code, String reason) {
            listener.onClosed(code, reason);
        }

        public List<JsonNode> sentOfType(String type) {
            return sent.stream().filter(f -> type.equals(f.path("type").asText())).toList();
        }
    }

    public final List<FakeSocket> sockets = new ArrayList<>();

    @Override
    public Socket connect(URI uri, String accessToken, Listener listener) {
        FakeSocket s = new FakeSocket(accessToken, listener);
        sockets.add(s);
        return s;
    }

    public FakeSocket last() {
        return sockets.getLast();
    }
}
