package com.avgym.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeskSettingsTest {
    @TempDir
    Path dataDir;

    @Test
    void noFileMeansTheBuiltInServerAndTheDefaultName() throws IOException {
        assertThat(DeskSettings.load(dataDir)).isEqualTo(new DeskSettings(null, null, null));
    }

    @Test
    void readsTheSharedServerAndThisDesksName() throws IOException {
        write("# desk 2\nserver = https://gym-server:8443 \nlocation=Side door\n");
        assertThat(DeskSettings.load(dataDir))
                .isEqualTo(new DeskSettings(URI.create("https://gym-server:8443"), "Side door", null));
    }

    @Test
    void blankValuesAreLeftToTheDefaults() throws IOException {
        write("server=\nlocation=   \n");
        assertThat(DeskSettings.load(dataDir)).isEqualTo(new DeskSettings(null, null, null));
    }

    @Test
    void aServerThatIsNotAWebAddressIsRefusedNamingTheFile() throws IOException {
        write("server=gym-server:8080\n");
        assertThatThrownBy(() -> DeskSettings.load(dataDir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(DeskSettings.FILE).hasMessageContaining("'gym-server:8080'");
        write("server=http://\n");
        assertThatThrownBy(() -> DeskSettings.load(dataDir)).isInstanceOf(IllegalArgumentException.class);
    }

    private void write(String text) throws IOException {
        Files.writeString(dataDir.resolve(DeskSettings.FILE), text);
    }
}
