package com.avgym.server.tls;

import com.avgym.server.storage.PrivateFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The installation's own certificate for {@code avgym server --tls} without a CA's: made once (EC P-256, valid 10
 * years) into the data dir and reused on every later start, so its fingerprint, which every desk pins, stays the
 * same. The key file is readable by the owner only (0600).
 */
public final class SelfSignedCertificate {
    public static final String CERT_FILE = "tls-self-signed-cert.pem";
    public static final String KEY_FILE = "tls-self-signed-key.pem";
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private SelfSignedCertificate() {
    }

    /** Loads the installation's certificate, making it first if the data dir has none. */
    public static ServerCertificate loadOrCreate(Path dataDir, String host) {
        Path cert = dataDir.resolve(CERT_FILE);
        Path key = dataDir.resolve(KEY_FILE);
        try {
            if (!Files.isRegularFile(cert) || !Files.isRegularFile(key)) {
                create(cert, key, host);
            } else {
                PrivateFiles.restrictToOwner(key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the self-signed certificate into " + dataDir, e);
        }
        return PemFiles.load(cert, key, cert.toString(), true);
    }

    private static void create(Path certFile, Path keyFile, String host) throws IOException {
        KeyPair pair;
        X509Certificate cert;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            pair = generator.generateKeyPair();
            cert = sign(pair, host);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a self-signed certificate", e);
        }
        // The key first: a certificate file on its own (a crash in between) is made again on the next start.
        write(keyFile, pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
        write(certFile, pem(cert));
    }

    private static X509Certificate sign(KeyPair pair, String host) throws GeneralSecurityException, OperatorCreationException,
            IOException {
        X500Name name = new X500Name("CN=AV-Gym server (self-signed)");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(128, new SecureRandom()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), name, pair.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names(host)));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }

    /** Desks pin the fingerprint and skip the name check; the names only help a browser or curl. */
    private static GeneralName[] names(String host) {
        List<GeneralName> names = new ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.iPAddress, "::1")));
        if (host != null && !host.isBlank() && !host.equals("localhost") && !host.equals("127.0.0.1")) {
            boolean literal = host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
            if (!literal) {
                names.add(new GeneralName(GeneralName.dNSName, host));
            } else if (!isWildcard(host)) {
                names.add(new GeneralName(GeneralName.iPAddress, host));
            }
        }
        return names.toArray(GeneralName[]::new);
    }

    private static boolean isWildcard(String literal) {
        try {
            return InetAddress.getByName(literal).isAnyLocalAddress();
        } catch (IOException e) {
            return true;
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    /** Written to a new owner-only file beside the target, then moved over it: never readable by others, never half. */
    private static void write(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            PrivateFiles.createNew(tmp);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another process is writing " + tmp, e);
        }
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
