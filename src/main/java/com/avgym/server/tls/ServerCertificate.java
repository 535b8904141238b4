package com.avgym.server.tls;

import com.avgym.protocol.CertificateFingerprint;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The certificate chain (the server's own first) and private key the server presents over TLS. {@code origin}
 * says where they came from, for the start-up message.
 */
public record ServerCertificate(List<X509Certificate> chain, PrivateKey key, String origin, boolean selfSigned) {
    public ServerCertificate {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate");
        }
    }

    public X509Certificate leaf() {
        return chain.getFirst();
    }

    /** SHA-256 of the server's own certificate, as desks pin it. */
    public String fingerprint() {
        try {
            return CertificateFingerprint.sha256(leaf().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    /** An in-memory key store holding just this key and chain, for Jetty's SslContextFactory. */
    KeyStore keyStore(char[] password) throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, password);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot create an empty key store", e);
        }
        ks.setKeyEntry("server", key, password, chain.toArray(Certificate[]::new));
        return ks;
    }
}
