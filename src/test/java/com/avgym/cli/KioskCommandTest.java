package com.avgym.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code avgym kiosk} takes the desk's options and is the kiosk; {@code avgym desk} is not. */
class KioskCommandTest {

    @Test
    void kioskTakesTheDesksOptions() {
        CommandLine.ParseResult parsed = new CommandLine(new Main())
                .parseArgs("kiosk", "--server", "https://gym-server:8443", "--data", "/tmp/kiosk-data", "--location", "Door");
        CommandLine.ParseResult sub = parsed.subcommand();
        assertThat(sub.commandSpec().name()).isEqualTo("kiosk");
        KioskCommand kiosk = (KioskCommand) sub.commandSpec().userObject();
        assertThat(kiosk.kioskCommand()).isTrue();
        assertThat(kiosk.server).isEqualTo(URI.create("https://gym-server:8443"));
        assertThat(kiosk.data).isEqualTo(Path.of("/tmp/kiosk-data"));
        assertThat(kiosk.location).isEqualTo("Door");
    }

    @Test
    void theDeskIsNotTheKiosk() {
        CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs("desk");
        DeskCommand desk = (DeskCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(desk.kioskCommand()).isFalse();
    }
}
