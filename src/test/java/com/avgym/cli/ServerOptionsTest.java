package com.avgym.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.avgym.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServerOptionsTest {
    @Test
    void allowedOriginIsRepeatableAndEmptyByDefault() {
        ServerCommand none = new ServerCommand();
        new CommandLine(none).parseArgs();
        assertThat(none.allowedOrigins).isEmpty();

        ServerCommand two = new ServerCommand();
        new CommandLine(two).parseArgs("--allowed-origin", "https://frontdesk.example.com",
                "--allowed-origin", "http://10.0.0.5:8080");
        assertThat(two.allowedOrigins).containsExactly("https://frontdesk.example.com", "http://10.0.0.5:8080");
    }

    private static ServerConfig configFrom(String... args) {
        ServerCommand command = new ServerCommand();
        new CommandLine(command).parseArgs(args);
        return command.withSocketOptions(ServerConfig.defaults(Path.of("unused")));
    }

    @Test
    void socketLimitsAndDrainWindowDefaultToTheDocumentedValues() {
        ServerConfig c = configFrom();
        assertThat(c.socketLimits().maxConnections()).isEqualTo(1000);
        assertThat(c.socketLimits().maxConnectionsPerUser()).isEqualTo(10);
        assertThat(c.drainWindow()).isEqualTo(Duration.ofSeconds(10)).isEqualTo(ServerConfig.DEFAULT_DRAIN_WINDOW);
    }

    @Test
    void socketLimitsAndDrainWindowCanBeSet() {
        ServerConfig c = configFrom("--max-sockets", "5000", "--max-sockets-per-user", "40", "--drain-window", "2.5");
        assertThat(c.socketLimits().maxConnections()).isEqualTo(5000);
        assertThat(c.socketLimits().maxConnectionsPerUser()).isEqualTo(40);
        assertThat(c.drainWindow()).isEqualTo(Duration.ofMillis(2500));
        assertThat(configFrom("--drain-window", "0").drainWindow()).isZero();
    }

    @Test
    void nonsenseLimitsAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> configFrom("--max-sockets", "0")).hasMessageContaining("--max-sockets");
        assertThatThrownBy(() -> configFrom("--max-sockets-per-user", "-1")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> configFrom("--drain-window", "-1")).hasMessageContaining("--drain-window");
        assertThatThrownBy(() -> configFrom("--drain-window", "NaN")).hasMessageContaining("--drain-window");
    }
}
