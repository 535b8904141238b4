package com.avgym.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-256 fingerprint of a server's certificate (its DER encoding), as the server prints it and a desk pins it
 * ({@code server-cert-sha256}). Printed like {@code openssl x509 -fingerprint -sha256}: 32 upper-case hex pairs
 * joined by colons. Read back leniently: colons, spaces and case do not matter, so a value copied from either tool
 * works.
 */
public final class CertificateFingerprint {
    private static final HexFormat PAIRS = HexFormat.ofDelimiter(":").withUpperCase();
    private static final int SHA256_BYTES = 32;

    private CertificateFingerprint() {
    }

    /** {@code AB:CD:...} for the DER bytes of a certificate. */
    public static String sha256(byte[] der) {
        return PAIRS.formatHex(digest(der));
    }

    /** The 32 bytes of a fingerprint as typed; {@link IllegalArgumentException} naming what is wrong otherwise. */
    public static byte[] parse(String text) {
        String hex = text == null ? "" : text.replace(":", "").replace(" ", "").strip().toLowerCase(Locale.ROOT);
        if (hex.length() != SHA256_BYTES * 2 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("a SHA-256 certificate fingerprint is 64 hex digits (colons allowed), not '"
                    + text + "'");
        }
        return HexFormat.of().parseHex(hex);
    }

    /** The bytes a fingerprint stands for, back in the printed form. */
    public static String format(byte[] sha256) {
        return PAIRS.formatHex(sha256);
    }

    public static byte[] digest(byte[] der) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(der);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
