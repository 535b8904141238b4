package com.avgym.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the real {@code avgym users add} in-process, the password on stdin as a script would pipe it. */
public final class UsersCli {
    private UsersCli() {
    }

    public static int add(Path dataDir, String jdbcUrl, String role, String username, String password) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)));
        try {
            return jdbcUrl == null
                    ? new CommandLine(new Main()).execute("users", "add", "--role", role, "--data", dataDir.toString(), username)
                    : new CommandLine(new Main()).execute("users", "add", "--role", role, "--data", dataDir.toString(),
                            "--db", jdbcUrl, username);
        } finally {
            System.setIn(saved);
        }
    }
}
