package com.avgym.server.support;

import com.avgym.protocol.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 by hand over a plain socket, for requests no HTTP client will send: malformed URIs, split or slow
 * bodies, oversized heads, an {@code Origin} on an upgrade. Reads one response (Content-Length, chunked, or up to
 * the close).
 */
public final class RawHttp {
    /** One response: status, headers (names lower-case), body text. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("body is not JSON: " + body, e);
            }
        }
    }

    private RawHttp() {
    }

    /** A connected socket to the server of {@code baseUrl} with a read timeout of {@code soTimeoutMillis}. */
    public static Socket open(String baseUrl, int soTimeoutMillis) {
        URI uri = URI.create(baseUrl);
        try {
            Socket s = new Socket();
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            s.setSoTimeout(soTimeoutMillis);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code request} (ASCII) on a fresh connection and reads the one response. */
    public static Answer exchange(String baseUrl, String request) {
        try (Socket s = open(baseUrl, 10_000)) {
            write(s, request.getBytes(StandardCharsets.ISO_8859_1));
            return read(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Socket s, byte[] bytes) {
        try {
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one response head and its body; for 101 (an upgrade) only the head. */
    public static Answer read(Socket s) {
        try {
            InputStream in = s.getInputStream();
            String head = readLine(in);
            if (head == null) {
                throw new IOException("connection closed before a response");
            }
            int status = Integer.parseInt(head.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
            if (status == 101) {
                return new Answer(status, headers, "");
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (headers.containsKey("content-length")) {
                body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (int size = Integer.parseInt(readLine(in).trim(), 16); size > 0;
                        size = Integer.parseInt(readLine(in).trim(), 16)) {
                    body.write(in.readNBytes(size));
                    readLine(in);
                }
                readLine(in);
            } else {
                body.write(in.readAllBytes());
            }
            return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the server closed the connection (the next read sees end of stream). */
    public static boolean closedByServer(Socket s) {
        try {
            return s.getInputStream().read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
