package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.avgym.protocol.Json;
import com.avgym.protocol.message.TokenPair;
import com.avgym.server.support.Rest;
import com.avgym.server.support.TestServer;
import com.avgym.server.support.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Whatever the server logs during a normal desk session, no secret and no raw frame text is in it. */
class LogHygieneTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger root;
    private Logger app;
    private Level appLevelBefore;

    @BeforeEach
    void capture() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        app = (Logger) LoggerFactory.getLogger("com.avgym");
        appLevelBefore = app.getLevel();
        // Our own code at DEBUG too: a secret at any level is a leak.
        app.setLevel(Level.DEBUG);
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void release() {
        root.detachAppender(appender);
        appender.stop();
        app.setLevel(appLevelBefore);
    }

    @Test
    void noTokenPasswordOrFrameTextIsLogged() {
        String marker = "MARKER-" + UUID.randomUUID();
        String wrongPassword = "wrong-" + marker;
        List<String> secrets = new ArrayList<>();
        try (TestServer server = TestServer.start()) {
            Rest rest = server.rest();
            Rest.Response refused = rest.post("/api/auth/token/", null, Map.of("username", "desk", "password", wrongPassword));
            assertThat(refused.status()).isEqualTo(401);

            TokenPair tokens = server.login("desk");
            WsClient c = WsClient.open(server.wsUrl(), tokens.access());
            JsonNode reply = c.awaitReply(c.sendFrame("check_in", Map.of("clientRequestId", "log-" + marker,
                    "membershipNumber", "M0010", "location", "Front desk", "notes", "note " + marker)), WAIT);
            assertThat(reply.path("type").asText()).isEqualTo("check_in_success");

            c.send("{\"type\":\"check_in\", \"" + marker + "\" broken");
            assertThat(c.awaitType("error", WAIT).path("payload").path("code").asText()).isEqualTo("INVALID_JSON");
            c.send("{\"type\":\"" + marker + "\",\"payload\":{}}");
            c.await(f -> f.path("payload").path("code").asText().equals("UNKNOWN_TYPE"), WAIT, "UNKNOWN_TYPE");

            Rest.Response r = rest.post("/api/auth/token/refresh/", null, Map.of("refresh", tokens.refresh()));
            assertThat(r.status()).isEqualTo(200);
            TokenPair next = Json.convert(r.body(), TokenPair.class);
            JsonNode refreshed = c.awaitReply(c.sendFrame("auth_refresh", Map.of("access", next.access())), WAIT);
            assertThat(refreshed.path("type").asText()).isEqualTo("auth_refreshed");
            JsonNode bad = c.awaitReply(c.sendFrame("auth_refresh", Map.of("access", "garbage." + marker)), WAIT);
            assertThat(bad.path("payload").path("code").asText()).isEqualTo("TOKEN_INVALID");

            // The socket closed by the server (violations) logs too.
            for (int i = 0; i < 10; i++) {
                c.send(marker + " " + i);
            }
            assertThat(c.awaitClose(WAIT).code()).isEqualTo(4400);

            secrets.addAll(List.of(tokens.access(), tokens.refresh(), next.access(), next.refresh(),
                    TestServer.PASSWORD, wrongPassword, marker));
        }

        List<String> lines = new ArrayList<>();
        synchronized (appender) {
            for (ILoggingEvent e : appender.list) {
                lines.add(render(e));
            }
        }
        assertThat(lines).as("captured log lines").isNotEmpty()
                .anyMatch(l -> l.contains("signed in"))
                .anyMatch(l -> l.contains("closing socket"));
        for (String secret : secrets) {
            assertThat(lines).as("log lines containing a secret or the frame marker")
                    .noneMatch(l -> l.contains(secret));
        }
        // Tokens are JWTs: no line holds even their signature part.
        for (String secret : secrets.subList(0, 4)) {
            String signature = secret.substring(secret.lastIndexOf('.') + 1);
            assertThat(lines).noneMatch(l -> l.contains(signature));
        }
    }

    private static String render(ILoggingEvent e) {
        StringBuilder sb = new StringBuilder(e.getLoggerName()).append(' ').append(e.getFormattedMessage());
        e.getMDCPropertyMap().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            sb.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return sb.toString();
    }
}
