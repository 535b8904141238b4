package com.avgym.server.ws;

import com.avgym.protocol.CloseCodes;
import com.avgym.protocol.ErrorCode;
import com.avgym.protocol.Frame;
import com.avgym.protocol.FrameCodec;
import com.avgym.protocol.MessageType;
import com.avgym.protocol.ProtocolException;
import com.avgym.protocol.message.ErrorPayload;
import com.avgym.server.ServerMetrics;
import com.avgym.server.auth.Principal;
import io.micrometer.core.instrument.Counter;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One desk's socket: the transport side of the protocol. Counts what it sends so a slow client is
 * closed (4409) instead of growing memory, limits its inbound rate (4429), counts protocol
 * violations (4400), and watches heartbeat (4408) and token expiry (4401). What each command means
 * lives in {@link CommandHandler}.
 */
public final class Connection implements Session.Listener.AutoDemanding {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    /** The window in which {@link SocketLimits#rateStrikesBeforeClose} over-limit frames close the socket. */
    public static final Duration RATE_STRIKE_WINDOW = Duration.ofSeconds(10);
    /** A peer that has not answered our close frame by then is disconnected. */
    public static final Duration CLOSE_GRACE = Duration.ofSeconds(3);
    private static final long STRIKE_WINDOW_NANOS = RATE_STRIKE_WINDOW.toNanos();

    private final String id = UUID.randomUUID().toString();
    private final ConnectionRegistry registry;
    private final SocketLimits limits;
    private final AtomicInteger queued = new AtomicInteger();
    private final RateLimiter limiter;
    private final SocketSlots.Slot slot;
    private final Object lifecycle = new Object();
    private volatile Principal principal;
    private volatile Session session;
    private volatile long lastInboundNanos;
    private volatile int serverCloseCode;
    private volatile boolean ended;
    /** One callback for every broadcast frame of this socket: nothing resolved or allocated per frame. */
    private final Callback broadcastWritten = Callback.from(queued::decrementAndGet, failure -> queued.decrementAndGet());
    private int strikes;
    private long strikeWindowStart;
    private int violations;

    Connection(ConnectionRegistry registry, Principal principal, SocketLimits limits, SocketSlots.Slot slot) {
        this.registry = registry;
        this.slot = slot;
        this.principal = principal;
        this.limits = limits;
        long now = System.nanoTime();
        this.limiter = new RateLimiter(limits.framesPerSecond(), limits.burst(), now);
        this.lastInboundNanos = now;
    }

    String id() {
        return id;
    }

    Principal principal() {
        return principal;
    }

    boolean ended() {
        return ended;
    }

    void markEnded() {
        ended = true;
    }

    /** Orders the registry's add of this socket with the remove when it closes (see ConnectionRegistry#register). */
    Object lifecycle() {
        return lifecycle;
    }

    SocketSlots.Slot slot() {
        return slot;
    }

    void principal(Principal p) {
        this.principal = p;
    }

    // --- inbound ---------------------------------------------------------------------------------

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        // The upgrade may have waited on a busy machine; the heartbeat clock starts now.
        lastInboundNanos = System.nanoTime();
        if (!slot.opened()) {
            // Its slot was given up as abandoned (the upgrade took over 30 s): it may not count against the user.
            close(CloseCodes.TRY_AGAIN_LATER);
            return;
        }
        registry.opened(this);
    }

    @Override
    public void onWebSocketText(String text) {
        long now = System.nanoTime();
        lastInboundNanos = now;
        Frame frame;
        try {
            frame = FrameCodec.decode(text);
        } catch (ProtocolException e) {
            registry.metrics().invalidFrameIn();
            violation(e.code(), e.getMessage(), null, MessageType.ERROR);
            return;
        }
        MessageType type = MessageType.fromWireName(frame.type())
                .filter(t -> t.sender() == MessageType.Sender.CLIENT).orElse(null);
        if (type == null) {
            registry.metrics().unknownFrameIn();
            violation(ErrorCode.UNKNOWN_TYPE, "unknown message type", frame.id(), MessageType.ERROR);
            return;
        }
        registry.metrics().frameIn(type);
        if (!limiter.tryAcquire(now)) {
            rateLimited(frame.id(), now);
            return;
        }
        registry.handle(this, type, frame);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        lastInboundNanos = System.nanoTime();
        registry.metrics().binaryFrameIn();
        violation(ErrorCode.INVALID_MESSAGE, "binary frames are not part of the protocol", null, MessageType.ERROR);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        if (serverCloseCode == 0) {
            registry.metrics().increment(ServerMetrics.CLOSES, Integer.toString(statusCode));
        }
        registry.closed(this);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        log.debug("socket {} error: {}", id, cause.toString());
        if (session == null) {
            // Failed before it opened: no close event will follow to give the slot back.
            slot.release();
        }
    }

    /** A bad frame: answer with {@code replyType} (error or check_*_error); too many and the socket closes. */
    void violation(ErrorCode code, String message, String frameId, MessageType replyType) {
        send(Frame.of(replyType, frameId, null, registry.now(), ErrorPayload.of(code, message)));
        if (++violations >= limits.violationsBeforeClose()) {
            close(CloseCodes.PROTOCOL_VIOLATIONS);
        }
    }

    private void rateLimited(String frameId, long now) {
        if (now - strikeWindowStart > STRIKE_WINDOW_NANOS) {
            strikeWindowStart = now;
            strikes = 0;
        }
        if (++strikes >= limits.rateStrikesBeforeClose()) {
            close(CloseCodes.RATE_LIMITED);
            return;
        }
        send(Frame.of(MessageType.ERROR, frameId, null, registry.now(),
                ErrorPayload.of(ErrorCode.RATE_LIMITED, "too many frames; slow down")));
    }

    // --- outbound --------------------------------------------------------------------------------

    void send(Frame frame) {
        sendText(FrameCodec.encode(frame), registry.metrics().framesOut(frame.type()), 0);
    }

    /**
     * Queues one text frame without waiting, counting it on {@code sent} (resolved by the caller, once per
     * event for a broadcast). Over the queue limit the client is too slow: close 4409.
     * Synchronized so frames leave in the order they were queued.
     */
    synchronized void sendText(String text, Counter sent, long broadcastStartNanos) {
        Session s = session;
        if (s == null || serverCloseCode != 0 || !s.isOpen()) {
            return;
        }
        if (queued.incrementAndGet() > limits.maxQueuedFrames()) {
            queued.decrementAndGet();
            close(CloseCodes.CLIENT_TOO_SLOW);
            return;
        }
        sent.increment();
        s.sendText(text, Callback.from(() -> {
            queued.decrementAndGet();
            if (broadcastStartNanos != 0) {
                registry.metrics().broadcastLatency().record(System.nanoTime() - broadcastStartNanos, TimeUnit.NANOSECONDS);
            }
        }, failure -> queued.decrementAndGet()));
    }

    /**
     * Queues one broadcast frame; the caller counts and times the event once for all sockets. False when it was not
     * queued (socket closing, or over the queue limit: then closed 4409).
     */
    synchronized boolean queueBroadcast(String text) {
        Session s = session;
        if (s == null || serverCloseCode != 0 || !s.isOpen()) {
            return false;
        }
        if (queued.incrementAndGet() > limits.maxQueuedFrames()) {
            queued.decrementAndGet();
            close(CloseCodes.CLIENT_TOO_SLOW);
            return false;
        }
        s.sendText(text, broadcastWritten);
        return true;
    }

    /** Closes from the server side, once; a peer that does not answer the close is cut off. */
    void close(int code) {
        close(code, CloseCodes.reason(code));
    }

    /** As {@link #close(int)} with a reason of our own (a drain's retry hint). */
    void close(int code, String reason) {
        Session s = session;
        synchronized (this) {
            if (serverCloseCode != 0 || s == null) {
                return;
            }
            serverCloseCode = code;
        }
        registry.metrics().increment(ServerMetrics.CLOSES, Integer.toString(code));
        log.info("closing socket {} of {} with {} ({})", id, principal.username(), code, CloseCodes.reason(code));
        s.close(code, reason, Callback.NOOP);
        // Not s.isOpen(): that turns false as soon as our close frame is queued, even when the peer
        // never reads it (a slow client), which left such sockets open until the idle timeout.
        registry.schedule(() -> {
            if (!ended) {
                s.disconnect();
            }
        }, CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Called every tick: heartbeat silence (4408) and access-token expiry (4401). */
    void checkTimers(long nowNanos, Instant now) {
        if (nowNanos - lastInboundNanos > limits.idleLimit().toNanos()) {
            close(CloseCodes.HEARTBEAT_TIMEOUT);
        } else if (!now.isBefore(principal.accessExpiresAt())) {
            close(CloseCodes.TOKEN_EXPIRED);
        }
    }

    int queuedFrames() {
        return queued.get();
    }
}
