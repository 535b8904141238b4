package com.avgym.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The per-installation HMAC secret: generated at first start in the data dir, owner-only. */
public final class SigningKey {
    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
    public static final String FILE_NAME = "jwt-signing.key";

    private SigningKey() {
    }

    public static byte[] loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                byte[] secret = new byte[64];
                new SecureRandom().nextBytes(secret);
                create(file, Base64.getEncoder().encodeToString(secret));
                log.info("generated a new signing key in {}", file);
            }
            return Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    private static void create(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
                file.toFile().setReadable(false, false);
                file.toFile().setReadable(true, true);
                file.toFile().setWritable(false, false);
                file.toFile().setWritable(true, true);
            }
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        Files.writeString(file, content);
    }

}
