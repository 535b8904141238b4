package com.avgym.server.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads a certificate chain and its private key from PEM files, as a CA or certbot hands them out: the chain file
 * (the server's certificate first, then intermediates, as {@code fullchain.pem}) and a key that is PKCS#8
 * ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}). Parsing is
 * BouncyCastle's; the keys and certificates come out as the JDK's own types (no provider is registered).
 */
public final class PemFiles {
    private PemFiles() {
    }

    /** {@link IllegalArgumentException} naming the file and what is wrong with it when they cannot be used. */
    public static ServerCertificate load(Path certFile, Path keyFile, String origin, boolean selfSigned) {
        List<X509Certificate> chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile);
        if (!belongTogether(key, chain.getFirst().getPublicKey())) {
            throw new IllegalArgumentException("the key in " + keyFile + " does not belong to the first certificate in "
                    + certFile + " (the server's own certificate must come first, then its intermediates)");
        }
        return new ServerCertificate(chain, key, origin, selfSigned);
    }

    static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser pem = parser(file)) {
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the certificate file " + file + ": " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    static PrivateKey privateKey(Path file) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser pem = parser(file)) {
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                switch (o) {
                    case PrivateKeyInfo pkcs8 -> {
                        return converter.getPrivateKey(pkcs8);
                    }
                    case PEMKeyPair pkcs1OrSec1 -> {
                        return converter.getPrivateKey(pkcs1OrSec1.getPrivateKeyInfo()); // the public half is optional in SEC1
                    }
                    case PKCS8EncryptedPrivateKeyInfo e -> throw encrypted(file);
                    case PEMEncryptedKeyPair e -> throw encrypted(file);
                    default -> {
                        // EC PARAMETERS before the key, or a certificate in a combined file
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith(file.toString())) {
                throw iae;
            }
            throw new IllegalArgumentException("cannot read the key file " + file + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(file + " holds no PEM private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    private static IllegalArgumentException encrypted(Path file) {
        return new IllegalArgumentException(file + " is encrypted; give the server an unencrypted key readable only by it "
                + "(openssl pkey -in KEY -out server-key.pem; chmod 600 server-key.pem)");
    }

    private static PEMParser parser(Path file) throws IOException {
        Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        return new PEMParser(in);
    }

    /** Signs a random challenge with the key and checks it with the certificate's public key. */
    private static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
        String algorithm = signatureFor(key.getAlgorithm());
        if (algorithm == null) {
            return true; // a kind we cannot test here: the TLS handshake will tell
        }
        if (!algorithm.equals(signatureFor(publicKey.getAlgorithm()))) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String signatureFor(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
    }
}
