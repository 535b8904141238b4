package com.avgym.cli;

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
 * location=Side door
 * </pre>
 * Options on the command line win over the file. A missing file means the built-in server and "Front desk".
 */
record DeskSettings(URI server, String location) {
    static final String FILE = "desk.properties";

    static DeskSettings load(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return new DeskSettings(null, null);
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        String server = blankToNull(p.getProperty("server"));
        return new DeskSettings(server == null ? null : serverUri(server, file), blankToNull(p.getProperty("location")));
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
