package com.avgym.server.tls;

import java.security.GeneralSecurityException;
import java.util.UUID;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The HTTPS (and so WSS) connector: TLS, then HTTP/1.1, and nothing in clear on that port. */
public final class TlsConnectors {
    private TlsConnectors() {
    }

    /**
     * {@code base} is the plain connector's HTTP configuration; this one copies it and adds what TLS needs. Jetty's
     * SNI host check is off: a desk may reach the server by an address its certificate does not name (a pinned
     * self-signed certificate); checking the name is the client's job.
     */
    public static ServerConnector create(Server server, HttpConfiguration base, ServerCertificate certificate) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        String password = UUID.randomUUID().toString(); // the key store lives in memory only
        try {
            ssl.setKeyStore(certificate.keyStore(password.toCharArray()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the TLS key and certificate (" + certificate.origin() + ")", e);
        }
        ssl.setKeyStorePassword(password);
        HttpConfiguration https = new HttpConfiguration(base);
        https.setSecureScheme("https");
        // HSTS comes from the base configuration's SecurityHeaders (also on Jetty's own error answers), not from here.
        https.addCustomizer(new SecureRequestCustomizer(false, -1, false));
        return new ServerConnector(server, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(https));
    }
}
