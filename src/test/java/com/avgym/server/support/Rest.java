package com.avgym.server.support;

import com.avgym.protocol.Json;
import com.avgym.protocol.message.TokenPair;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** java.net.http against the test server, answering status, JSON body and headers. */
public final class Rest {
    public record Response(int status, JsonNode body, java.net.http.HttpHeaders headers, String text) {
        public String code() {
            return body != null && body.has("code") ? body.get("code").asText() : null;
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Rest(String base) {
        this.base = base;
    }

    public TokenPair login(String username, String password) {
        Response r = post("/api/auth/token/", null, Json.write(java.util.Map.of("username", username, "password", password)));
        if (r.status() != 200) {
            throw new IllegalStateException("login failed: " + r.status() + " " + r.text());
        }
        return Json.convert(r.body(), TokenPair.class);
    }

    public Response get(String path, String token) {
        return send(builder(path, token).GET());
    }

    public Response post(String path, String token, Object body) {
        String text = body instanceof String s ? s : Json.write(body);
        return send(builder(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text)));
    }

    public Response patch(String path, String token, Object body) {
        String text = body instanceof String s ? s : Json.write(body);
        return send(builder(path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(text)));
    }

    /** Any method; {@code body} null sends none. */
    public Response request(String method, String path, String token, Object body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Json.write(body));
        return send(builder(path, token).header("Content-Type", "application/json").method(method, publisher));
    }

    /** PUT of raw bytes (a photo upload), with Expect: 100-continue as PROTOCOL.md asks of uploads. */
    public Response putBytes(String path, String token, byte[] body) {
        return send(builder(path, token).header("Content-Type", "application/octet-stream").expectContinue(true)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response delete(String path, String token) {
        return send(builder(path, token).DELETE());
    }

    /**
     * java.net.http reuses a kept-alive connection the server may just have closed, and then reports "received no
     * bytes" without retrying a POST. Nothing reached the server on that connection, so one retry on a fresh one
     * is safe; anything else is the test's failure to see.
     */
    private HttpResponse<String> sendOnce(HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
                throw e;
            }
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private HttpRequest.Builder builder(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Response send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = sendOnce(b.build());
            JsonNode body = null;
            try {
                body = r.body().isBlank() ? null : Json.MAPPER.readTree(r.body());
            } catch (IOException notJson) {
                // /metrics is text
            }
            return new Response(r.statusCode(), body, r.headers(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
