package com.avgym.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The newest refresh token of an unattended device (a kiosk), kept in {@link ClientConfig#sessionFile} so that a
 * restart needs no password. The server detects the reuse of a rotated refresh token, so the file must always
 * hold the newest one: it is written before the new pair is used, atomically (owner-only temp file, then a move)
 * so a crash leaves the old token or the new one, never half of one. Called on the REST thread only, which also
 * orders a write after sign-out's delete or before it. Off ({@code file} null) for a desk. Never logs the token.
 */
final class DeviceSession {
    private static final Logger log = LoggerFactory.getLogger(DeviceSession.class);

    private final Path file;

    DeviceSession(Path file) {
        this.file = file == null ? null : file.toAbsolutePath();
    }

    /** The saved refresh token, if there is one. */
    Optional<String> read() {
        if (file == null || !Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (IOException e) {
            log.warn("cannot read the device session file {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Keeps {@code refreshToken} as the session's newest. A failed write is logged: the session goes on. */
    void save(String refreshToken) {
        if (file == null || refreshToken == null) {
            return;
        }
        Path dir = file.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = posix(dir)
                    ? Files.createTempFile(dir, ".session-", ".tmp", PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, ".session-", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(refreshToken.getBytes(StandardCharsets.UTF_8)));
                ch.force(true); // the token the server now expects must survive a power cut
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.warn("cannot write the device session file {}: {}; a restart will need a sign-in", file, e.getMessage());
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Signed out, or the server refused the token: the next start needs a sign-in. */
    void forget() {
        if (file != null) {
            deleteQuietly(file);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", p, e.getMessage());
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
