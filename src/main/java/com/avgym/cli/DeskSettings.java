package com.avgym.cli;

import com.avgym.client.OfflinePolicy;
import com.avgym.client.ServerTrust;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The desk's settings file, {@code desk.properties} in the data dir. The installed app's menu entry starts the
 * desk without arguments, so this is where a desk PC of a multi-desk gym is told its shared server and its own
 * name:
 * <pre>
 * server=https://gym-server:8443
 * server-cert-sha256=AB:CD:...   (the fingerprint the server prints at start, for its self-signed certificate)
 * location=Side door
 * offline-policy=admit-known    (or queue-only: decide nothing from the member roster while the server is away)
 * mode=kiosk                     (start the full-screen self check-in instead of the desk)
 * gym-name=Riverside Gym         (shown on the kiosk's screen; default AV-Gym)
 * </pre>
 * Options on the command line win over the file. A missing file means the built-in server, "Front desk" and
 * admit-known.
 */
record DeskSettings(URI server, String location, String serverCertSha256, OfflinePolicy offlinePolicy, boolean kiosk,
                    String gymName) {
    static final String FILE = "desk.properties";

    DeskSettings(URI server, String location, String serverCertSha256) {
        this(server, location, serverCertSha256, OfflinePolicy.ADMIT_KNOWN);
    }

    DeskSettings(URI server, String location, String serverCertSha256, OfflinePolicy offlinePolicy) {
        this(server, location, serverCertSha256, offlinePolicy, false, null);
    }

    static DeskSettings load(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return new DeskSettings(null, null, null);
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        String server = blankToNull(p.getProperty("server"));
        String pin = blankToNull(p.getProperty("server-cert-sha256"));
        if (pin != null) {
            try {
                ServerTrust.pinned(pin);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": server-cert-sha256: " + e.getMessage(), e);
            }
        }
        String policy = blankToNull(p.getProperty("offline-policy"));
        OfflinePolicy offlinePolicy;
        try {
            offlinePolicy = policy == null ? OfflinePolicy.ADMIT_KNOWN : OfflinePolicy.fromSetting(policy);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        String mode = blankToNull(p.getProperty("mode"));
        if (mode != null && !mode.equals("desk") && !mode.equals("kiosk")) {
            throw new IllegalArgumentException(file + ": mode must be desk or kiosk, not '" + mode + "'");
        }
        return new DeskSettings(server == null ? null : serverUri(server, file), blankToNull(p.getProperty("location")), pin,
                offlinePolicy, "kiosk".equals(mode), blankToNull(p.getProperty("gym-name")));
    }

    /**
     * How the desk trusts {@code server} given a pin (from the command line or this file): a pin needs an https
     * address, since the desk never sends a password in clear in place of the checked connection it was told to use.
     */
    static ServerTrust trust(URI server, String pin) {
        if (pin == null) {
            return ServerTrust.system();
        }
        ServerTrust trust = ServerTrust.pinned(pin);
        if (server == null || !"https".equalsIgnoreCase(server.getScheme())) {
            throw new IllegalArgumentException("server-cert-sha256 is set, so the server must be an https:// address, not "
                    + (server == null ? "the built-in server" : "'" + server + "'"));
        }
        return trust;
    }

    private static URI serverUri(String value, Path file) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below, with the file's name
        }
        throw new IllegalArgumentException(file + ": server must be an http:// or https:// address with a host, not '"
                + value + "'");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
