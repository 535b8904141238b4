package com.avgym.bench.fanout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/** Makes one event happen on a node and answers its delivery key ({@code type:payloadId}) once written. */
public interface EventSource {
    /** Writer {@code writer}'s next event; writers never share state, so four can run at once. */
    String fire(int writer) throws Exception;

    /** POST /trigger on the bare broadcaster. */
    static EventSource bare(String baseUrl) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/trigger"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return writer -> {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("trigger answered " + r.statusCode());
            }
            return "member_checked_in:" + r.body();
        };
    }

    /**
     * The product's REST check-in and check-out, as a desk or kiosk makes them: writer w alternates check-in and
     * check-out over its own 12 demo members (M0001..M0048), so no event is refused as already checked in.
     */
    static EventSource product(String baseUrl, String token) {
        HttpClient http = HttpClient.newHttpClient();
        int[] next = new int[4];
        return writer -> {
            int k = next[writer]++;
            String member = "M%04d".formatted(writer * 12 + (k / 2) % 12 + 1);
            boolean in = k % 2 == 0;
            String body = "{\"clientRequestId\":\"" + UUID.randomUUID() + "\",\"membershipNumber\":\"" + member + "\""
                    + (in ? ",\"location\":\"Bench\"" : "") + "}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + (in ? "/api/checkins" : "/api/checkins/checkout")))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException((in ? "check-in" : "check-out") + " of " + member + " answered "
                        + r.statusCode() + " " + r.body());
            }
            int checkIn = r.body().indexOf("\"checkIn\":{");
            return (in ? "member_checked_in:" : "member_checked_out:") + FanOutClient.field(r.body(), "id", checkIn);
        };
    }

    /** Signs in over REST and returns the access token. */
    static String signIn(String baseUrl, String username, String password) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/auth/token/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("sign-in answered " + r.statusCode());
        }
        return FanOutClient.field(r.body(), "access", 0);
    }
}
