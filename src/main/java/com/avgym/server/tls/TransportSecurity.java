package com.avgym.server.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How the server's port is protected: plain HTTP (the default, for loopback: the desk's built-in server and
 * tests), or TLS with the given PEM files or, when none are given, the installation's self-signed certificate.
 * Plain HTTP on any other address sends passwords and tokens in clear, so it needs {@code insecureHttp}.
 */
public record TransportSecurity(boolean tls, Path certFile, Path keyFile, boolean insecureHttp) {
    public TransportSecurity {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if (certFile != null && !tls) {
            throw new IllegalArgumentException("--tls-cert and --tls-key need --tls");
        }
    }

    public static TransportSecurity plainHttp() {
        return new TransportSecurity(false, null, null, false);
    }

    public static TransportSecurity selfSigned() {
        return new TransportSecurity(true, null, null, false);
    }

    public static TransportSecurity pemFiles(Path certFile, Path keyFile) {
        return new TransportSecurity(true, certFile, keyFile, false);
    }

    public TransportSecurity allowingInsecureHttp(boolean allow) {
        return new TransportSecurity(tls, certFile, keyFile, allow);
    }

    /** Why the server must not listen on {@code host} like this; empty when it may. */
    public Optional<String> refusal(String host) {
        if (tls || insecureHttp || isLoopback(host)) {
            return Optional.empty();
        }
        return Optional.of("refusing to serve plain HTTP on " + host + ": passwords and tokens would cross the network "
                + "in clear. Use --tls (with --tls-cert/--tls-key, or a self-signed certificate made for you), or "
                + "--insecure-http if something else (a VPN, a TLS proxy) protects this network.");
    }

    /** Plain HTTP allowed off loopback: the start-up warning. */
    public Optional<String> warning(String host) {
        return !tls && insecureHttp && !isLoopback(host)
                ? Optional.of("serving plain HTTP on " + host + " (--insecure-http): passwords and tokens cross the network "
                        + "in clear; use --tls unless a VPN or a TLS proxy protects it")
                : Optional.empty();
    }

    /** The certificate to serve: the PEM files given, or the installation's own self-signed one. */
    public ServerCertificate certificate(Path dataDir, String host) {
        if (!tls) {
            throw new IllegalStateException("no TLS configured");
        }
        return certFile != null
                ? PemFiles.load(certFile, keyFile, certFile.toString(), false)
                : SelfSignedCertificate.loadOrCreate(dataDir, host);
    }

    /** An unresolvable name, the wildcard (null, "", 0.0.0.0, ::) and every other address are not loopback. */
    public static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false; // Jetty binds every address
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
