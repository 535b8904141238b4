package com.avgym.client;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The client's SQLite file holds queued scans and the member roster (names, membership ends): owner-only (0600) on
 * POSIX. SQLite gives the -wal and -shm files the mode of the database file, so the file is created 0600 before
 * SQLite opens it; a file an earlier version left readable is narrowed, with its sidecars. The server has its own
 * helper (server.storage.PrivateFiles); the client may not depend on server code.
 */
final class OwnerOnlyFile {
    private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFile() {
    }

    /** Creates the parent directories and {@code file} 0600 if missing; narrows it and its -wal/-shm to 0600. */
    static void prepare(Path given) throws IOException {
        Path file = given.toAbsolutePath();
        Files.createDirectories(file.getParent());
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!posix) {
            return; // Windows: the user's profile directory keeps other users out
        }
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_RW));
            } catch (FileAlreadyExistsException raced) {
                // another connection created it a moment ago: narrowed below
            }
        }
        for (Path p : new Path[] {file, Path.of(file + "-wal"), Path.of(file + "-shm")}) {
            if (Files.exists(p)) {
                Files.setPosixFilePermissions(p, OWNER_RW);
            }
        }
    }
}
