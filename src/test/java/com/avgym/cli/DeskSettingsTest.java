package com.avgym.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.avgym.client.ServerTrust;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeskSettingsTest {
    private static final String PIN = "55:69:35:cb:d3:2a:17:e2:f6:6a:07:be:98:e9:96:b8:53:12:ed:c1:b9:11:62:00:ff:1e:69:35:b2:18:ef:51";
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
    void modeKioskAndTheGymsNameStartTheKiosk() throws IOException {
        write("mode=kiosk\ngym-name= Riverside Gym \n");
        DeskSettings settings = DeskSettings.load(dataDir);
        assertThat(settings.kiosk()).isTrue();
        assertThat(settings.gymName()).isEqualTo("Riverside Gym");
        write("mode=desk\n");
        assertThat(DeskSettings.load(dataDir).kiosk()).isFalse();
    }

    @Test
    void anUnknownModeIsRefusedNamingTheFile() throws IOException {
        write("mode=kisok\n");
        assertThatThrownBy(() -> DeskSettings.load(dataDir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(DeskSettings.FILE).hasMessageContaining("'kisok'");
    }

    @Test
    void aServerThatIsNotAWebAddressIsRefusedNamingTheFile() throws IOException {
        write("server=gym-server:8080\n");
        assertThatThrownBy(() -> DeskSettings.load(dataDir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(DeskSettings.FILE).hasMessageContaining("'gym-server:8080'");
        write("server=http://\n");
        assertThatThrownBy(() -> DeskSettings.load(dataDir)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsThePinnedServerCertificateFingerprint() throws IOException {
        write("server=https://gym-server:8443\nserver-cert-sha256=" + PIN + "\n");
        DeskSettings settings = DeskSettings.load(dataDir);
        assertThat(settings.serverCertSha256()).isEqualTo(PIN);
        ServerTrust trust = DeskSettings.trust(settings.server(), settings.serverCertSha256());
        assertThat(trust.isPinned()).isTrue();
        assertThat(trust.pin()).isEqualTo(PIN.toUpperCase());
        assertThat(DeskSettings.trust(settings.server(), null).isPinned()).isFalse();
    }

    @Test
    void aMalformedPinIsRefusedNamingTheFile() throws IOException {
        write("server=https://gym-server:8443\nserver-cert-sha256=AB:CD\n");
        assertThatThrownBy(() -> DeskSettings.load(dataDir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(DeskSettings.FILE).hasMessageContaining("server-cert-sha256").hasMessageContaining("64 hex");
    }

    @Test
    void aPinNeedsAnHttpsServerNeverPlainHttpOrTheBuiltInOne() {
        assertThatThrownBy(() -> DeskSettings.trust(URI.create("http://gym-server:8080"), PIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https://");
        assertThatThrownBy(() -> DeskSettings.trust(null, PIN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("built-in server");
    }

    private void write(String text) throws IOException {
        Files.writeString(dataDir.resolve(DeskSettings.FILE), text);
    }

    @Test
    void readsTheOfflinePolicyAdmitKnownByDefault() throws IOException {
        assertThat(DeskSettings.load(dataDir).offlinePolicy()).isEqualTo(com.avgym.client.OfflinePolicy.ADMIT_KNOWN);
        write("offline-policy=queue-only\n");
        assertThat(DeskSettings.load(dataDir).offlinePolicy()).isEqualTo(com.avgym.client.OfflinePolicy.QUEUE_ONLY);
        write("offline-policy=admit-known\n");
        assertThat(DeskSettings.load(dataDir).offlinePolicy()).isEqualTo(com.avgym.client.OfflinePolicy.ADMIT_KNOWN);
    }

    @Test
    void anUnknownOfflinePolicyIsRefusedNamingTheFileAndTheChoices() throws IOException {
        write("offline-policy=admit-everyone\n");
        assertThatThrownBy(() -> DeskSettings.load(dataDir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(DeskSettings.FILE).hasMessageContaining("admit-known or queue-only");
    }
}
