package com.avgym.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.server.support.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Leaving kiosk mode is checked by the real server: only admin and staff, and the check leaves no session behind. */
class StaffPasswordCheckTest {
    private static TestServer server;
    private static final ExecutorService executor = Executors.newSingleThreadExecutor();
    private static StaffPasswordCheck check;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        check = new StaffPasswordCheck(new HttpBackendApi(URI.create(server.server().baseUrl()), Duration.ofSeconds(5)),
                executor);
    }

    @AfterAll
    static void stop() {
        executor.shutdownNow();
        server.close();
    }

    private static StaffPasswordCheck.Result check(StaffPasswordCheck c, String user, String password) throws Exception {
        return c.check(user, password.toCharArray()).get(30, TimeUnit.SECONDS);
    }

    @Test
    void adminAndStaffWithTheRightPasswordMayLeave() throws Exception {
        assertThat(check(check, "admin", TestServer.PASSWORD)).isEqualTo(StaffPasswordCheck.Result.ACCEPTED);
        assertThat(check(check, "desk", TestServer.PASSWORD)).isEqualTo(StaffPasswordCheck.Result.ACCEPTED);
    }

    @Test
    void aWrongPasswordAnUnknownUserOrATrainerOrKioskAccountIsRefused() throws Exception {
        assertThat(check(check, "admin", "not-the-password")).isEqualTo(StaffPasswordCheck.Result.REFUSED);
        assertThat(check(check, "nobody", TestServer.PASSWORD)).isEqualTo(StaffPasswordCheck.Result.REFUSED);
        assertThat(check(check, "trainer", TestServer.PASSWORD)).isEqualTo(StaffPasswordCheck.Result.REFUSED);
        assertThat(check(check, "kiosk", TestServer.PASSWORD)).isEqualTo(StaffPasswordCheck.Result.REFUSED);
    }

    @Test
    void thePasswordIsWipedAfterTheCheck() throws Exception {
        char[] password = TestServer.PASSWORD.toCharArray();
        assertThat(check.check("admin", password).get(30, TimeUnit.SECONDS)).isEqualTo(StaffPasswordCheck.Result.ACCEPTED);
        assertThat(new String(password)).isEqualTo("\0".repeat(TestServer.PASSWORD.length()));
    }

    @Test
    void theChecksOwnSessionIsSignedOutAtOnce() throws Exception {
        RecordingApi api = new RecordingApi(new HttpBackendApi(URI.create(server.server().baseUrl()), Duration.ofSeconds(5)));
        assertThat(check(new StaffPasswordCheck(api, executor), "admin", TestServer.PASSWORD))
                .isEqualTo(StaffPasswordCheck.Result.ACCEPTED);
        assertThat(api.loggedOutRefresh).isNotNull();
        // A refresh token of a signed-out session is refused: nothing was left open on the server.
        var r = server.rest().post("/api/auth/token/refresh/", null,
                java.util.Map.of("refresh", api.loggedOutRefresh));
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void noServerMeansTheCheckCannotBeMadeOffline() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket()) {
            free.bind(new InetSocketAddress("127.0.0.1", 0));
            port = free.getLocalPort();
        }
        StaffPasswordCheck offline = new StaffPasswordCheck(
                new HttpBackendApi(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(2)), executor);
        assertThat(check(offline, "admin", TestServer.PASSWORD)).isEqualTo(StaffPasswordCheck.Result.UNREACHABLE);
    }

    /** The real API, remembering which session was signed out. */
    private static final class RecordingApi implements BackendApi {
        private final HttpBackendApi real;
        volatile String loggedOutRefresh;

        RecordingApi(HttpBackendApi real) {
            this.real = real;
        }

        @Override
        public com.avgym.protocol.message.TokenPair login(String username, char[] password) throws IOException, ApiException {
            return real.login(username, password);
        }

        @Override
        public com.avgym.protocol.message.TokenPair refresh(String refreshToken) throws IOException, ApiException {
            return real.refresh(refreshToken);
        }

        @Override
        public void logout(String accessToken, String refreshToken) throws IOException, ApiException {
            real.logout(accessToken, refreshToken);
            loggedOutRefresh = refreshToken;
        }

        @Override
        public com.avgym.protocol.message.Stats stats(String accessToken) throws IOException, ApiException {
            return real.stats(accessToken);
        }

        @Override
        public com.avgym.protocol.message.Page<com.avgym.protocol.message.CheckInView> recent(String accessToken, int perPage)
                throws IOException, ApiException {
            return real.recent(accessToken, perPage);
        }

        @Override
        public com.avgym.protocol.message.EventPage events(String accessToken, long after, int limit)
                throws IOException, ApiException {
            return real.events(accessToken, after, limit);
        }

        @Override
        public com.avgym.protocol.message.CommandResult checkIn(String accessToken,
                com.avgym.protocol.message.CheckInCommand command) throws IOException, ApiException {
            return real.checkIn(accessToken, command);
        }

        @Override
        public com.avgym.protocol.message.CommandResult checkOut(String accessToken,
                com.avgym.protocol.message.CheckOutCommand command) throws IOException, ApiException {
            return real.checkOut(accessToken, command);
        }
    }
}
