package com.avgym.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.avgym.client.fake.FakeApi;
import com.avgym.client.fake.FakeScheduler;
import com.avgym.client.fake.FakeTransport;
import com.avgym.client.fake.HeldExecutor;
import com.avgym.protocol.Frame;
import com.avgym.protocol.FrameCodec;
import com.avgym.protocol.MessageType;
import com.avgym.protocol.message.CommandResult;
import com.avgym.protocol.message.Hello;
import com.avgym.protocol.message.Stats;
import com.avgym.protocol.message.TokenPair;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The device session file on a fake clock and a fake REST side: written on every rotation, deleted on sign-out. */
class DeviceSessionTest {
    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");

    @TempDir
    Path dir;
    private final FakeScheduler clock = new FakeScheduler(T0);
    private final FakeTransport transport = new FakeTransport();
    private final FakeApi api = new FakeApi();
    private final HeldExecutor net = new HeldExecutor();
    private Path sessionFile;
    private OfflineQueue queue;
    private ConnectionService service;
    private int counter;
    private String lastIssuedAccess;

    @BeforeEach
    void setUp() throws Exception {
        sessionFile = dir.resolve("kiosk").resolve("session");
        queue = new OfflineQueue(dir.resolve("queue.db"));
        ClientConfig config = ClientConfig.defaults(URI.create("http://127.0.0.1:9"), dir.resolve("queue.db"))
                .withLiveData(false).withSessionFile(sessionFile);
        service = new ConnectionService(config, clock, transport, api, queue, Runnable::run, net,
                new Backoff(config.backoffBase(), config.backoffCap(), () -> 0.5));
        api.refresh = () -> {
            lastIssuedAccess = token();
            return new TokenPair(lastIssuedAccess, "refresh-" + (++counter), null);
        };
        clock.runDue();
    }

    @AfterEach
    void tearDown() throws Exception {
        queue.close();
    }

    private String token() {
        return JWT.create().withSubject("kiosk").withJWTId("j" + (++counter)).withExpiresAt(clock.now().plus(Duration.ofMinutes(5)))
                .sign(Algorithm.HMAC256("test"));
    }

    private void hello() {
        transport.last().receive(FrameCodec.encode(Frame.of(MessageType.HELLO, null, null, clock.now(),
                new Hello(1, "c", clock.now(), 600_000, clock.now().plusSeconds(300), 0))));
        transport.last().receive(FrameCodec.encode(Frame.of(MessageType.INITIAL_STATS, null, 0L, clock.now(), new Stats(0, 0, 0))));
        clock.runDue();
    }

    private String saved() throws IOException {
        return Files.readString(sessionFile, StandardCharsets.UTF_8);
    }

    @Test
    void theRefreshTokenIsSavedOwnerOnlyAtStart() throws Exception {
        service.start(token(), "refresh-start");
        clock.runDue();

        assertThat(saved()).isEqualTo("refresh-start");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sessionFile))).isEqualTo("rw-------");
        try (var leftovers = Files.list(sessionFile.getParent())) {
            assertThat(leftovers).as("no temp file left behind").containsExactly(sessionFile);
        }
    }

    @Test
    void everyRotationIsSavedBeforeTheNewPairIsUsed() throws Exception {
        service.start(token(), "refresh-start");
        clock.runDue();
        hello();

        net.hold(true);
        clock.advance(Duration.ofMinutes(4)); // the proactive refresh, 60 s before expiry
        assertThat(net.heldCount()).isEqualTo(1);
        net.release(); // the server answers; the service has not used the pair yet
        assertThat(saved()).isEqualTo("refresh-" + counter);
        assertThat(transport.last().sentOfType("auth_refresh")).isEmpty();

        clock.runDue();
        assertThat(transport.last().sentOfType("auth_refresh")).singleElement()
                .satisfies(f -> assertThat(f.path("payload").path("access").asText()).isEqualTo(lastIssuedAccess));
        String first = saved();

        net.hold(false);
        clock.advance(Duration.ofMinutes(4));
        assertThat(saved()).isNotEqualTo(first).isEqualTo("refresh-" + counter);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sessionFile))).isEqualTo("rw-------");
    }

    @Test
    void signOutDeletesTheSavedSession() throws Exception {
        service.start(token(), "refresh-start");
        clock.runDue();
        assertThat(sessionFile).exists();

        service.signOut();
        clock.runDue();

        assertThat(sessionFile).doesNotExist();
        assertThat(service.resumeSavedSession()).isCompletedWithValue(false);
    }

    @Test
    void aSavedSessionRefreshesFirstThenConnectsWithTheNewAccessToken() throws Exception {
        Files.createDirectories(sessionFile.getParent());
        Files.writeString(sessionFile, "refresh-saved");

        CompletableFuture<Boolean> resumed = service.resumeSavedSession();
        clock.runDue();

        assertThat(resumed).isCompletedWithValue(true);
        assertThat(api.calls).containsExactly("refresh");
        assertThat(transport.sockets).singleElement().satisfies(s -> assertThat(s.token).isEqualTo(lastIssuedAccess));
        assertThat(saved()).isEqualTo("refresh-" + counter);
        hello();
        assertThat(service.snapshot().state()).isEqualTo(ConnectionState.LIVE);
    }

    @Test
    void aRefusedSavedSessionEndsInAuthRequiredAndIsForgotten() throws Exception {
        Files.createDirectories(sessionFile.getParent());
        Files.writeString(sessionFile, "refresh-revoked");
        api.refresh = () -> {
            throw new ApiException(401, "TOKEN_REVOKED", "revoked", null, "{}");
        };

        CompletableFuture<Boolean> resumed = service.resumeSavedSession();
        clock.runDue();

        assertThat(resumed).isCompletedWithValue(true);
        assertThat(service.snapshot().state()).isEqualTo(ConnectionState.AUTH_REQUIRED);
        assertThat(transport.sockets).isEmpty();
        assertThat(sessionFile).doesNotExist();
    }

    @Test
    void aSavedSessionStartedDuringAnOutageKeepsTryingAndQueuesScans() throws Exception {
        Files.createDirectories(sessionFile.getParent());
        Files.writeString(sessionFile, "refresh-saved");
        api.refresh = () -> {
            throw new IOException("Connection refused");
        };
        api.health = () -> {
            throw new IOException("Connection refused");
        };

        service.resumeSavedSession();
        clock.runDue();
        assertThat(service.snapshot().state()).isEqualTo(ConnectionState.RECONNECTING);
        clock.advance(Duration.ofSeconds(20));
        assertThat(service.snapshot().state()).isEqualTo(ConnectionState.OFFLINE);
        assertThat(api.refreshCalls).as("the refresh is retried").isGreaterThan(1);
        CompletableFuture<ScanOutcome> scan = service.checkIn("M0001", "kiosk", null);
        clock.runDue();
        assertThat(scan).isCompletedWithValueMatching(o -> o instanceof ScanOutcome.Queued);
        assertThat(saved()).as("the saved token is kept while the server is away").isEqualTo("refresh-saved");

        api.refresh = () -> {
            lastIssuedAccess = token();
            return new TokenPair(lastIssuedAccess, "refresh-" + (++counter), null);
        };
        api.health = () -> null;
        api.checkIn = () -> new CommandResult(api.restCheckIns.getLast().clientRequestId(), null, null, false);
        clock.advance(Duration.ofSeconds(5));
        assertThat(transport.sockets).isNotEmpty();
        assertThat(transport.last().token).isEqualTo(lastIssuedAccess);
        hello();
        assertThat(service.snapshot().state()).isEqualTo(ConnectionState.LIVE);
        assertThat(transport.last().sentOfType("check_in")).as("sent once the socket is back").hasSize(1);
        assertThat(api.restCheckIns).as("never by REST without an access token").isEmpty();
    }

    @Test
    void withoutASessionFileNothingIsSavedAndThereIsNothingToResume() throws Exception {
        ClientConfig desk = ClientConfig.defaults(URI.create("http://127.0.0.1:9"), dir.resolve("queue.db"));
        ConnectionService deskService = new ConnectionService(desk, clock, transport, api, queue, Runnable::run,
                Runnable::run, new Backoff(desk.backoffBase(), desk.backoffCap(), () -> 0.5));
        deskService.start(token(), "refresh-desk");
        clock.runDue();

        assertThat(deskService.resumeSavedSession()).isCompletedWithValue(false);
        try (var files = Files.list(dir)) {
            assertThat(files).noneMatch(p -> p.getFileName().toString().contains("session"));
        }
    }

    /**
     * A 4401 while a refresh is already under way (here the proactive one) reconnects once that refresh lands. The
     * second refresh request used to be dropped with its "then reconnect", leaving a kiosk in BACKUP for good (seen
     * in CI: KioskFaultTest after a network cut longer than the token's life).
     */
    @Test
    void aSocketRefusedForAnExpiredTokenWhileARefreshIsUnderWayReconnectsWhenItLands() throws Exception {
        service.start(token(), "refresh-start");
        clock.runDue();
        hello();
        int socketsBefore = transport.sockets.size();
        net.hold(true);
        clock.advance(Duration.ofMinutes(4).plusSeconds(30)); // the proactive refresh starts and waits on the network
        assertThat(net.heldCount()).as("the proactive refresh is under way").isEqualTo(1);

        transport.last().serverClose(4401, "token expired");
        clock.runDue();
        net.hold(false);
        net.release();
        clock.runDue();

        assertThat(transport.sockets.size()).as("a new socket once the refresh landed").isEqualTo(socketsBefore + 1);
        assertThat(transport.last().token).isEqualTo(lastIssuedAccess);
    }
}
