package com.avgym.client;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.util.Optional;

/**
 * The TLS handshake refused the server's certificate: it does not match the pinned fingerprint, or (not pinned) no
 * trusted authority vouches for it or it names another host. Not a network blip: a person must fix the pin or the
 * server. The desk never falls back to plain HTTP.
 */
public final class UntrustedServerException extends IOException {
    private UntrustedServerException(String message, Throwable cause) {
        super(message, cause);
    }

    /** This failure as an {@code UntrustedServerException} when a certificate check caused it; {@code e} otherwise. */
    public static IOException classify(IOException e) {
        return of(e).<IOException>map(u -> u).orElse(e);
    }

    /** The certificate refusal somewhere in {@code failure}'s causes, worded for the sign-in window and the banner. */
    public static Optional<UntrustedServerException> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UntrustedServerException u) {
                return Optional.of(u);
            }
            if (t instanceof ServerTrust.PinMismatchException pin) {
                return Optional.of(new UntrustedServerException(pin.getMessage(), failure));
            }
            if (t instanceof CertificateException ce) {
                return Optional.of(new UntrustedServerException("Server certificate is not trusted (" + ce.getMessage()
                        + "). Use a certificate from a trusted authority for this host name, or pin the server's "
                        + "SHA-256 fingerprint (server-cert-sha256).", failure));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }
}
