package com.avgym.client;

import com.avgym.protocol.Json;
import com.avgym.protocol.message.CheckInCommand;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.CheckOutCommand;
import com.avgym.protocol.message.CommandResult;
import com.avgym.protocol.message.EventPage;
import com.avgym.protocol.message.Page;
import com.avgym.protocol.message.ReviewItem;
import com.avgym.protocol.message.RosterPage;
import com.avgym.protocol.message.RefreshRequest;
import com.avgym.protocol.message.Stats;
import com.avgym.protocol.message.TokenPair;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.avgym.protocol.message.ExpiringMembership;
import com.avgym.protocol.message.HourlyCheckIns;
import com.avgym.protocol.message.MemberView;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** {@link BackendApi} and {@link ReadApi} over java.net.http. */
public final class HttpBackendApi implements BackendApi, ReadApi {
    private final URI base;
    private static final String LOGIN = "/api/auth/token/";
    /**
     * Sign-in waits longer than other calls: the server checks the password with a deliberately slow hash, and
     * a desk PC that starts its own backend is busy for its first seconds. (Refresh has no hash; polls share its
     * thread, so it keeps the short timeout.)
     */
    private static final Duration PASSWORD_CHECK_TIMEOUT = Duration.ofSeconds(20);
    private final Duration timeout;
    private final ServerTrust trust;
    /** Made on first use: building one sets up TLS (about a second of class loading), which must not delay the window. */
    private HttpClient http;

    public HttpBackendApi(URI base, Duration timeout) {
        this(base, timeout, ServerTrust.system());
    }

    /** A pin needs an https address: the desk never sends credentials in clear instead. */
    public HttpBackendApi(URI base, Duration timeout, ServerTrust trust) {
        if (trust.isPinned() && !"https".equalsIgnoreCase(base.getScheme())) {
            throw new IllegalArgumentException("a pinned server certificate needs an https:// server address, not " + base);
        }
        this.base = base;
        this.timeout = timeout;
        this.trust = trust;
    }

    @Override
    public TokenPair login(String username, char[] password) throws IOException, ApiException {
        return call("POST", LOGIN, null, Map.of("username", username, "password", new String(password)),
                TokenPair.class);
    }

    @Override
    public TokenPair refresh(String refreshToken) throws IOException, ApiException {
        return call("POST", "/api/auth/token/refresh/", null, new RefreshRequest(refreshToken), TokenPair.class);
    }

    @Override
    public void logout(String accessToken, String refreshToken) throws IOException, ApiException {
        call("POST", "/api/auth/logout/", accessToken, new RefreshRequest(refreshToken), JsonNode.class);
    }

    @Override
    public void health() throws IOException, ApiException {
        call("GET", "/api/health", null, null, JsonNode.class);
    }

    @Override
    public Stats stats(String accessToken) throws IOException, ApiException {
        return call("GET", "/api/checkins/stats/", accessToken, null, Stats.class);
    }

    @Override
    public Page<CheckInView> recent(String accessToken, int perPage) throws IOException, ApiException {
        JsonNode page = call("GET", "/api/checkins/history/?status=all&page=1&perPage=" + perPage, accessToken, null, JsonNode.class);
        return Json.MAPPER.convertValue(page, new TypeReference<Page<CheckInView>>() { });
    }

    @Override
    public EventPage events(String accessToken, long after, int limit) throws IOException, ApiException {
        return call("GET", "/api/events/?after=" + after + "&limit=" + limit, accessToken, null, EventPage.class);
    }

    @Override
    public CommandResult checkIn(String accessToken, CheckInCommand command) throws IOException, ApiException {
        return call("POST", "/api/checkins/", accessToken, command, CommandResult.class);
    }

    @Override
    public CommandResult checkOut(String accessToken, CheckOutCommand command) throws IOException, ApiException {
        return call("POST", "/api/checkins/checkout/", accessToken, command, CommandResult.class);
    }

    @Override
    public Page<MemberView> members(String accessToken, String search, int perPage) throws IOException, ApiException {
        JsonNode page = call("GET", "/api/members/?page=1&perPage=" + perPage + param("q", search), accessToken, null, JsonNode.class);
        return Json.MAPPER.convertValue(page, new TypeReference<Page<MemberView>>() { });
    }

    @Override
    public MemberView member(String accessToken, String membershipNumber) throws IOException, ApiException {
        return call("GET", "/api/members/by-number/" + URLEncoder.encode(membershipNumber, StandardCharsets.UTF_8).replace("+", "%20"),
                accessToken, null, MemberView.class);
    }

    @Override
    public List<ExpiringMembership> expiring(String accessToken, int days) throws IOException, ApiException {
        JsonNode list = call("GET", "/api/memberships/expiring/?days=" + days, accessToken, null, JsonNode.class);
        return Json.MAPPER.convertValue(list, new TypeReference<List<ExpiringMembership>>() { });
    }

    @Override
    public Page<CheckInView> history(String accessToken, HistoryQuery q) throws IOException, ApiException {
        String path = "/api/checkins/history/?status=" + q.status().name().toLowerCase(Locale.ROOT) + "&page=" + q.page()
                + "&perPage=" + q.perPage() + param("from", q.from()) + param("to", q.to()) + param("q", q.search());
        JsonNode page = call("GET", path, accessToken, null, JsonNode.class);
        return Json.MAPPER.convertValue(page, new TypeReference<Page<CheckInView>>() { });
    }

    @Override
    public HourlyCheckIns hourly(String accessToken, LocalDate date) throws IOException, ApiException {
        return call("GET", "/api/checkins/hourly/" + (date == null ? "" : "?date=" + date), accessToken, null, HourlyCheckIns.class);
    }

    @Override
    public MemberPhoto photo(String accessToken, String memberId, String ifNoneMatch) throws IOException, ApiException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/api/members/"
                        + URLEncoder.encode(memberId, StandardCharsets.UTF_8).replace("+", "%20") + "/photo/"))
                .timeout(timeout).header("Accept", "image/jpeg").header("Authorization", "Bearer " + accessToken).GET();
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
        }
        HttpResponse<byte[]> r = send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 304) {
            return null;
        }
        if (r.statusCode() >= 400) {
            throw error(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8), r.headers());
        }
        return new MemberPhoto(memberId, r.body(), r.headers().firstValue("ETag").orElse(null));
    }

    @Override
    public RosterPage roster(String accessToken, long since) throws IOException, ApiException {
        return call("GET", "/api/members/roster/?since=" + since, accessToken, null, RosterPage.class);
    }

    @Override
    public List<ReviewItem> reviews(String accessToken, boolean openOnly) throws IOException, ApiException {
        JsonNode list = call("GET", "/api/reviews/?state=" + (openOnly ? "open" : "all"), accessToken, null, JsonNode.class);
        return Json.MAPPER.convertValue(list, new TypeReference<List<ReviewItem>>() { });
    }

    @Override
    public ReviewItem acknowledgeReview(String accessToken, String reviewId, String note) throws IOException, ApiException {
        return call("POST", "/api/reviews/" + URLEncoder.encode(reviewId, StandardCharsets.UTF_8).replace("+", "%20")
                + "/acknowledge", accessToken, java.util.Map.of("note", note), ReviewItem.class);
    }

    /** {@code &name=value}, encoded; nothing for a null or blank value. */
    private static String param(String name, Object value) {
        if (value == null || value.toString().isBlank()) {
            return "";
        }
        return "&" + name + "=" + URLEncoder.encode(value.toString().trim(), StandardCharsets.UTF_8);
    }

    private <T> T call(String method, String path, String token, Object body, Class<T> type) throws IOException, ApiException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(path.equals(LOGIN)
                        ? max(timeout, PASSWORD_CHECK_TIMEOUT) : timeout)
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 400) {
            throw error(r.statusCode(), r.body(), r.headers());
        }
        try {
            return Json.convert(Json.parse(r.body()), type);
        } catch (RuntimeException e) {
            throw new IOException("unexpected response body from " + path, e);
        }
    }

    private <B> HttpResponse<B> send(HttpRequest request, HttpResponse.BodyHandler<B> handler) throws IOException {
        try {
            return client().send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            throw UntrustedServerException.classify(e);
        }
    }

    private static ApiException error(int status, String body, HttpHeaders headers) {
        String code = null;
        String message = "HTTP " + status;
        try {
            JsonNode err = Json.parse(body);
            code = err.path("code").asText(null);
            message = err.path("message").asText(message);
        } catch (RuntimeException notJson) {
            // a proxy's HTML error page: keep the status
        }
        Duration retryAfter = headers.firstValue("Retry-After").map(HttpBackendApi::seconds).orElse(null);
        return new ApiException(status, code, message, retryAfter, body);
    }

    private synchronized HttpClient client() {
        if (http == null) {
            HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout);
            if (trust.isPinned()) {
                b.sslContext(trust.sslContext());
            }
            http = b.build();
        }
        return http;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration seconds(String header) {
        try {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
