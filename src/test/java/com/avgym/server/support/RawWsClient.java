package com.avgym.server.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A hand-made WebSocket client over a plain {@link Socket}: does the HTTP upgrade itself, sends masked
 * text frames, and reads only when the test asks it to. Lets a test play a client that never reads
 * (slow client) or never answers a close frame.
 */
public final class RawWsClient implements AutoCloseable {
    /** A server frame: opcode and payload; for a close frame {@link #closeCode()}. */
    public record ServerFrame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final int status;
    private final String responseHead;

    private RawWsClient(Socket socket, int status, String responseHead) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
        this.status = status;
        this.responseHead = responseHead;
    }

    /**
     * Opens a TCP connection (with {@code receiveBuffer} bytes of receive buffer when > 0, set before
     * connect) and sends the upgrade request; reads only the response head.
     */
    public static RawWsClient connect(String wsUrl, String accessToken, int receiveBuffer) {
        URI uri = URI.create(wsUrl);
        try {
            Socket s = new Socket();
            if (receiveBuffer > 0) {
                s.setReceiveBufferSize(receiveBuffer);
            }
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            s.setSoTimeout(10_000);
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            String request = "GET " + uri.getRawPath() + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + (accessToken == null ? "" : "Authorization: Bearer " + accessToken + "\r\n")
                    + "\r\n";
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String head = readHead(s.getInputStream());
            String[] statusLine = head.split("\r\n", 2)[0].split(" ");
            return new RawWsClient(s, Integer.parseInt(statusLine[1]), head);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads byte by byte up to the blank line, so nothing after the head is consumed. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the upgrade; got " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    public int status() {
        return status;
    }

    public String responseHead() {
        return responseHead;
    }

    /** Sends one masked text frame (FIN set), as RFC 6455 requires of a client. */
    public void sendText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        try {
            out.write(encodeClientFrame(0x1, payload));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encodeClientFrame(int opcode, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | opcode);
        int n = payload.length;
        if (n < 126) {
            frame.write(0x80 | n);
        } else if (n <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(n >>> 8);
            frame.write(n & 0xff);
        } else {
            frame.write(0x80 | 127);
            long len = n;
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (len >>> shift) & 0xff);
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask, 0, 4);
        for (int i = 0; i < n; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        return frame.toByteArray();
    }

    /** Reads the next server frame (server frames are not masked); blocks up to the socket timeout. */
    public ServerFrame readFrame() {
        try {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long len = b1 & 0x7f;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = in.readLong();
            }
            if ((b1 & 0x80) != 0) {
                in.readInt(); // a server must not mask, but skip a mask if one came
            }
            byte[] payload = new byte[(int) len];
            in.readFully(payload);
            return new ServerFrame(b0 & 0x0f, payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads frames until a close frame and answers with its code (or throws if the stream ends first). */
    public int readUntilClose() {
        while (true) {
            ServerFrame f = readFrame();
            if (f.opcode() == 0x8) {
                return f.closeCode();
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
