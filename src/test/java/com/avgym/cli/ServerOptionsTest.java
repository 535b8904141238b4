package com.avgym.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
}
