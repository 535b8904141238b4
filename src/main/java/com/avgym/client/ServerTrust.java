package com.avgym.client;

import com.avgym.protocol.CertificateFingerprint;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which https servers the desk believes: those the system trust store vouches for (a certificate from a CA, the
 * name checked), or, with a pin, exactly one certificate: the server's own, whose SHA-256 fingerprint the desk was
 * given ({@code server-cert-sha256}). A pinned certificate is accepted whatever name or dates it carries, since
 * nothing but that certificate's key can complete the handshake; any other certificate is refused with
 * {@link PinMismatchException}.
 */
public final class ServerTrust {
    private static final ServerTrust SYSTEM = new ServerTrust(null);
    private final byte[] pin;

    private ServerTrust(byte[] pin) {
        this.pin = pin;
    }

    public static ServerTrust system() {
        return SYSTEM;
    }

    /** {@link IllegalArgumentException} when {@code sha256} is not 64 hex digits (colons allowed). */
    public static ServerTrust pinned(String sha256) {
        return new ServerTrust(CertificateFingerprint.parse(sha256));
    }

    public boolean isPinned() {
        return pin != null;
    }

    /** The pinned fingerprint as printed by the server; empty string for the system trust store. */
    public String pin() {
        return pin == null ? "" : CertificateFingerprint.format(pin);
    }

    /** For java.net.http and Java-WebSocket; the JDK's default context when not pinned. */
    public SSLContext sslContext() {
        try {
            if (pin == null) {
                return SSLContext.getDefault();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new PinnedTrustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return pin == null ? "system trust store" : "pinned certificate " + pin();
    }

    /** A certificate other than the pinned one. Its message is what the sign-in window and the banner show. */
    public static final class PinMismatchException extends CertificateException {
        PinMismatchException(String expected, String actual) {
            super("Server certificate does not match the pinned fingerprint (server-cert-sha256). Pinned: " + expected
                    + ". The server sent: " + actual + ". If the server's certificate was replaced on purpose, pin the "
                    + "fingerprint it prints at start; otherwise something between this desk and the server is "
                    + "intercepting the connection.");
        }
    }

    /**
     * Extended, so that JSSE leaves the host-name check to it (and it does none): the pin names the one certificate,
     * whatever address the desk uses to reach the server.
     */
    private final class PinnedTrustManager extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the server sent no certificate");
            }
            byte[] actual;
            try {
                actual = CertificateFingerprint.digest(chain[0].getEncoded());
            } catch (CertificateEncodingException e) {
                throw new CertificateException("the server's certificate cannot be read", e);
            }
            if (!MessageDigest.isEqual(actual, pin)) {
                throw new PinMismatchException(pin(), CertificateFingerprint.format(actual));
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the desk does not accept connections");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
