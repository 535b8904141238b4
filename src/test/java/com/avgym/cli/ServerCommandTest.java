package com.avgym.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.server.support.TestServer;
import com.avgym.server.tls.TransportSecurity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code avgym server}'s checks before it starts, and what it prints for the desks. */
class ServerCommandTest {
    @TempDir
    Path dataDir;

    @Test
    void aNonLoopbackHostWithoutTlsDoesNotStartAndSaysWhatToDo() {
        Run run = run("server", "--host", "0.0.0.0", "--port", "0", "--data", dataDir.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("refusing to serve plain HTTP on 0.0.0.0").contains("--tls").contains("--insecure-http");
        assertThat(dataDir).isEmptyDirectory(); // no database, no certificate: nothing was started
    }

    @Test
    void aCertificateWithoutItsKeyOrWithoutTlsIsAnError() {
        Run noKey = run("server", "--tls", "--tls-cert", "cert.pem", "--data", dataDir.toString());
        assertThat(noKey.exit()).isEqualTo(2);
        assertThat(noKey.err()).contains("--tls-cert and --tls-key go together");
        Run noTls = run("server", "--tls-cert", "cert.pem", "--tls-key", "key.pem", "--data", dataDir.toString());
        assertThat(noTls.exit()).isEqualTo(2);
        assertThat(noTls.err()).contains("need --tls");
    }

    @Test
    void theSelfSignedCertificatesFingerprintIsPrintedWithThePinLineForTheDesks() throws Exception {
        try (TestServer server = TestServer.start(c -> c.withTransport(TransportSecurity.selfSigned()))) {
            String fingerprint = server.server().certificateFingerprint().orElseThrow();
            String text = ServerCommand.certificateText(server.server().certificate().orElseThrow());
            assertThat(text).contains("SHA-256 fingerprint " + fingerprint).contains("self-signed")
                    .contains("server-cert-sha256=" + fingerprint);
            assertThat(Files.exists(server.dataDir().resolve("tls-self-signed-cert.pem"))).isTrue();
        }
    }

    private record Run(int exit, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new Main()).execute(args);
            return new Run(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }
}
