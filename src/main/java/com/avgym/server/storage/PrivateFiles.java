package com.avgym.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data dir holds password hashes, the signing key and members' phone numbers: it is created owner-only
 * (0700) and the database files are made 0600. Where the file system has no POSIX permissions (Windows) the
 * user's profile directory already keeps other users out, so nothing is changed there.
 */
public final class PrivateFiles {
    private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_RWX = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /**
     * Creates {@code dir} with mode 0700 if it does not exist. An existing directory is left as it is (it may be
     * one the operator chose and shares on purpose), with a warning when others can read it.
     */
    public static void createPrivateDirectory(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                if (posix(dir) && Files.getPosixFilePermissions(dir).stream().anyMatch(OTHERS::contains)) {
                    log.warn("data dir {} is readable by other users ({}); chmod 700 it", dir,
                            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
                }
                return;
            }
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                if (posix(parent == null ? dir : parent)) {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_RWX));
                    // The umask never widens, but an inherited default ACL could: set the mode explicitly.
                    Files.setPosixFilePermissions(dir, OWNER_RWX);
                } else {
                    Files.createDirectory(dir);
                }
            } catch (FileAlreadyExistsException raced) {
                // another process created it a moment ago
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data dir " + dir, e);
        }
    }

    /** Creates {@code file} empty with mode 0600 if missing, else sets 0600 on it (our own file). */
    public static void createOwnerOnlyFile(Path given) {
        Path file = given.toAbsolutePath();
        try {
            if (!Files.exists(file)) {
                try {
                    createNew(file);
                } catch (FileAlreadyExistsException raced) {
                    // fine: fixed below
                }
            }
            restrictToOwner(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    /**
     * Creates {@code file}, which must not exist yet, with mode 0600 from the start (never readable by others,
     * not even for a moment); throws {@link FileAlreadyExistsException} if it does.
     */
    public static void createNew(Path file) throws IOException {
        if (posix(file.toAbsolutePath().getParent())) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_RW));
        } else {
            Files.createFile(file);
        }
    }

    /** Sets mode 0600 on {@code file} if it exists. */
    public static void restrictToOwner(Path file) {
        try {
            if (Files.exists(file) && posix(file)) {
                Files.setPosixFilePermissions(file, OWNER_RW);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict permissions of " + file, e);
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
