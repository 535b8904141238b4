package com.avgym.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.avgym.server.support.RawWsClient;
import com.avgym.server.support.Rest;
import com.avgym.server.support.WsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real `avgym server` process gets SIGTERM: health 503 with Retry-After at once, sockets 1012 with a retry hint. */
class SigtermDrainTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
    private static final String PASSWORD = "sigterm-test-password";

    @Test
    void sigtermDrainsWith503RetryAfterAndHintedRestartCloses(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "com.avgym.cli.Main",
                "server", "--data", dir.resolve("data").toString(), "--port", "0", "--demo", "--drain-window", "2")
                .redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("AVGYM_DEMO_PASSWORD", PASSWORD);
        Process child = pb.start();
        List<WsClient> desks = new ArrayList<>();
        RawWsClient stubborn = null;
        try {
            String[] base = new String[1];
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                Matcher m = LISTENING.matcher(Files.readString(out));
                base[0] = m.find() ? m.group(1) : null;
                return base[0] != null || !child.isAlive();
            });
            assertThat(base[0]).as("server output:%n%s", Files.readString(out)).isNotNull();
            Rest rest = new Rest(base[0]);
            String token = rest.login("desk", PASSWORD).access();
            String ws = base[0].replace("http://", "ws://") + "/ws/checkins/";
            for (int i = 0; i < 5; i++) {
                desks.add(WsClient.open(ws, token));
            }
            // Never answers the close: keeps the drain (and its 503s) going for the close grace.
            stubborn = RawWsClient.connect(ws, token, 0);
            assertThat(stubborn.status()).isEqualTo(101);

            child.destroy(); // SIGTERM
            // The first answer that is not 200 is the one checked: a second request could already find the
            // connector stopped (the drain of six sockets takes well under a second).
            Rest.Response[] answer = new Rest.Response[1];
            await().atMost(Duration.ofSeconds(10)).until(() -> (answer[0] = rest.get("/api/health", null)).status() != 200);
            Rest.Response health = answer[0];
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.header("Retry-After")).hasValue("5");
            for (WsClient d : desks) {
                WsClient.Closed closed = d.awaitClose(Duration.ofSeconds(10));
                assertThat(closed.code()).isEqualTo(1012);
                assertThat(closed.reason()).matches("restart; retry-after-ms=\\d+");
            }
            assertThat(stubborn.readUntilClose()).isEqualTo(1012);
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            desks.forEach(WsClient::close);
            if (stubborn != null) {
                stubborn.close();
            }
            child.destroyForcibly();
        }
    }
}
