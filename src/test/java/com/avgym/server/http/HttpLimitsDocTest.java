package com.avgym.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request-limits table of docs/PROTOCOL.md section 11 states the defaults the code has. */
class HttpLimitsDocTest {
    private static String row(List<String> doc, String startsWith) {
        return doc.stream().filter(l -> l.startsWith(startsWith)).findFirst()
                .orElseThrow(() -> new AssertionError("no row starting " + startsWith + " in docs/PROTOCOL.md"));
    }

    @Test
    void theLimitsTableMatchesTheDefaults() throws IOException {
        List<String> doc = Files.readAllLines(Path.of(System.getProperty("basedir", "."), "docs/PROTOCOL.md"),
                StandardCharsets.UTF_8);
        HttpPolicy defaults = HttpPolicy.defaults();
        assertThat(row(doc, "| request body |")).contains("| " + defaults.maxBodyBytes() / 1024 + " KiB");
        assertThat(row(doc, "| request deadline:")).contains("| " + defaults.requestDeadline().toSeconds() + " s |");
        assertThat(row(doc, "| idle connection")).contains("| " + defaults.idleTimeout().toSeconds() + " s |");
        assertThat(row(doc, "| query dates")).contains("years " + Exchange.MIN_YEAR + "-" + Exchange.MAX_YEAR);
        assertThat(defaults.allowedOrigins()).as("no browser origin allowed unless configured").isEmpty();
    }
}
