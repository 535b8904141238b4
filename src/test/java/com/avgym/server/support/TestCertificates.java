package com.avgym.server.support;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test certificate authority and a server certificate it signs for 127.0.0.1 and localhost, written as PEM files
 * the way a CA or certbot hands them out (fullchain: the server's certificate, then the CA's).
 */
public final class TestCertificates {
    /** How the server's key is written: PKCS#8 "PRIVATE KEY", PKCS#1 "RSA PRIVATE KEY", SEC1 "EC PRIVATE KEY". */
    public enum KeyFormat { PKCS8_EC, PKCS1_RSA, SEC1_EC }

    public record Issued(Path chainFile, Path keyFile, X509Certificate ca, X509Certificate leaf) {
        /** What a desk whose system trust store holds this CA would use. */
        public SSLContext trustingCa() throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("test-ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        }
    }

    private TestCertificates() {
    }

    public static Issued issue(Path dir, KeyFormat format) throws Exception {
        KeyPair caKeys = ec();
        X500Name caName = new X500Name("CN=AV-Gym test CA");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE,
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), caName, caKeys.getPublic());
        ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        X509Certificate caCert = new JcaX509CertificateConverter().getCertificate(
                ca.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));

        KeyPair leafKeys = format == KeyFormat.PKCS1_RSA ? rsa() : ec();
        JcaX509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO,
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))),
                new X500Name("CN=localhost"), leafKeys.getPublic());
        leaf.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        X509Certificate leafCert = new JcaX509CertificateConverter().getCertificate(
                leaf.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));

        Path chain = dir.resolve("fullchain.pem");
        Files.writeString(chain, pem(leafCert) + pem(caCert));
        Path key = dir.resolve("privkey.pem");
        Files.writeString(key, switch (format) {
            case PKCS8_EC -> pem(new JcaPKCS8Generator(leafKeys.getPrivate(), null));
            case PKCS1_RSA -> pem(leafKeys.getPrivate()); // JcaPEMWriter writes a bare RSA key as PKCS#1
            case SEC1_EC -> sec1(leafKeys);
        });
        return new Issued(chain, key, caCert, leafCert);
    }

    public static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    /** "EC PRIVATE KEY" as openssl and certbot write it: the curve named inside, the public point included. */
    private static String sec1(KeyPair keys) throws IOException {
        ECPrivateKey sec1 = new ECPrivateKey(256, ((java.security.interfaces.ECPrivateKey) keys.getPrivate()).getS(),
                new DERBitString(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData().getBytes()),
                new X962Parameters(SECObjectIdentifiers.secp256r1));
        return pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return g.generateKeyPair();
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }
}
