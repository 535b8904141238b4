package com.avgym.client;

import static com.avgym.client.support.ClientFixture.base;
import static com.avgym.client.support.ClientFixture.config;
import static com.avgym.client.support.ClientFixture.startServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.avgym.server.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A device session against the real server: signed in once, a restarted service goes LIVE from the saved file. */
class DeviceSessionServerTest {
    @TempDir
    Path dir;

    @Test
    void aRestartedServiceResumesFromTheSavedSessionWithoutThePassword() throws Exception {
        Path sessionFile = dir.resolve("session");
        try (TestServer server = startServer(UnaryOperator.identity())) {
            ClientConfig kiosk = config(base(server), dir.resolve("queue.db")).withLiveData(false).withSessionFile(sessionFile);

            String firstRefresh;
            try (ConnectionService first = ConnectionService.create(kiosk)) {
                firstRefresh = first.signIn("desk", TestServer.PASSWORD.toCharArray()).get(10, TimeUnit.SECONDS).refresh();
                await().atMost(Duration.ofSeconds(10)).until(() -> first.snapshot().state() == ConnectionState.LIVE);
            }
            assertThat(Files.readString(sessionFile)).isEqualTo(firstRefresh);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sessionFile))).isEqualTo("rw-------");

            try (ConnectionService second = ConnectionService.create(kiosk)) {
                assertThat(second.resumeSavedSession().get(10, TimeUnit.SECONDS)).isTrue();
                await().atMost(Duration.ofSeconds(10)).until(() -> second.snapshot().state() == ConnectionState.LIVE);
                String rotated = Files.readString(sessionFile);
                assertThat(rotated).as("the rotated token replaced the spent one").isNotEqualTo(firstRefresh).isNotBlank();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sessionFile))).isEqualTo("rw-------");
                ScanOutcome scan = second.checkIn("M0001", "kiosk", null).get(10, TimeUnit.SECONDS);
                assertThat(scan).as("a check-in goes through on the resumed session").isNotInstanceOf(ScanOutcome.Queued.class);

                second.signOut();
                await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(sessionFile));
            }

            // The signed-out session's token is dead on the server: a file still holding it ends in AUTH_REQUIRED.
            Files.writeString(sessionFile, firstRefresh);
            try (ConnectionService third = ConnectionService.create(kiosk)) {
                assertThat(third.resumeSavedSession().get(10, TimeUnit.SECONDS)).isTrue();
                await().atMost(Duration.ofSeconds(10)).until(() -> third.snapshot().state() == ConnectionState.AUTH_REQUIRED);
                assertThat(sessionFile).doesNotExist();
                assertThat(third.resumeSavedSession().get(10, TimeUnit.SECONDS)).isFalse();
            }
        }
    }

    @Test
    void theHealthProbeOfAKioskAnswersWithoutAToken() throws Exception {
        try (TestServer server = startServer(UnaryOperator.identity())) {
            HttpBackendApi api = new HttpBackendApi(base(server), Duration.ofSeconds(5));
            api.health();
            server.close();
            assertThat(catchThrowable(api::health)).as("a stopped server: no answer").isInstanceOf(IOException.class);
        }
    }
}
