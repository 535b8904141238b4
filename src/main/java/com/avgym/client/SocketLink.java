package com.avgym.client;

import com.avgym.protocol.Frame;
import com.avgym.protocol.FrameCodec;
import com.avgym.protocol.MessageType;
import com.avgym.protocol.ProtocolException;
import com.avgym.protocol.message.AuthRefreshed;
import com.avgym.protocol.message.CommandResult;
import com.avgym.protocol.message.Event;
import com.avgym.protocol.message.Hello;
import com.avgym.protocol.message.ResyncRequired;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one socket of {@link ConnectionService}: opening it (with a handshake deadline), forgetting it, the
 * heartbeat and the liveness deadline, sending, and reading each inbound frame and handing it to the part it is
 * for. Callbacks of an old socket are ignored by generation. Scheduler thread only.
 */
final class SocketLink {
    private static final Logger log = LoggerFactory.getLogger(SocketLink.class);

    private final ServiceContext c;
    private final Transport transport;
    private int generation;
    private Transport.Socket socket;
    private boolean greeted;
    private Duration heartbeatInterval = Duration.ofSeconds(10);
    private Instant lastInbound;
    private Scheduler.Cancellable handshakeTimer;
    private Scheduler.Cancellable heartbeatTimer;
    private Scheduler.Cancellable livenessTimer;

    SocketLink(ServiceContext c, Transport transport) {
        this.c = c;
        this.transport = transport;
    }

    boolean isOpen() {
        return socket != null;
    }

    /** The server has said hello on the current socket. */
    boolean isGreeted() {
        return greeted;
    }

    /** Opens a new socket (dropping any old one); hello, a close or the handshake deadline follows. */
    void open(String accessToken) {
        drop();
        int gen = ++generation;
        greeted = false;
        Transport.Listener listener = new Transport.Listener() {
            @Override
            public void onOpen() {
                // hello decides LIVE; nothing to do before it
            }

            @Override
            public void onText(String text) {
                c.scheduler.execute(() -> {
                    if (gen == generation) {
                        onFrame(text);
                    }
                });
            }

            @Override
            public void onClosed(int code, String reason) {
                c.scheduler.execute(() -> {
                    if (gen == generation) {
                        c.machine.socketClosed(FailureClassifier.ofClose(code, reason));
                    }
                });
            }
        };
        socket = transport.connect(c.config.socketUri(), accessToken, listener);
        // An upgrade nobody answers (a paused server) would wait forever without this.
        handshakeTimer = c.timers.schedule(() -> {
            if (gen == generation && !greeted) {
                socket.abort();
                c.machine.socketClosed(FailureClassifier.network("no answer from the server within "
                        + c.config.connectTimeout().toMillis() + " ms"));
            }
        }, c.config.connectTimeout());
    }

    /** Forgets the current socket: later callbacks from it are ignored. */
    void drop() {
        generation++;
        Timers.cancel(handshakeTimer);
        Timers.cancel(heartbeatTimer);
        Timers.cancel(livenessTimer);
        if (socket != null) {
            socket.abort();
            socket = null;
        }
        greeted = false;
        c.events.socketDropped();
        c.outbox.socketDropped();
    }

    void send(Frame frame) {
        if (socket != null) {
            socket.send(FrameCodec.encode(frame));
        }
    }

    /** hello arrived: the handshake is done and the server's heartbeat interval is known. */
    void greeted(Hello hello) {
        Timers.cancel(handshakeTimer);
        greeted = true;
        heartbeatInterval = Duration.ofMillis(Math.max(100, hello.heartbeatIntervalMs()));
    }

    // --- inbound frames ---------------------------------------------------------------------------

    private void onFrame(String text) {
        lastInbound = c.now();
        Frame frame;
        try {
            frame = FrameCodec.decode(text);
        } catch (ProtocolException e) {
            log.warn("unreadable frame from the server ({})", e.code());
            return;
        }
        MessageType type = MessageType.fromWireName(frame.type()).orElse(null);
        log.debug("frame {} id {} seq {}", frame.type(), frame.id(), frame.seq());
        if (type == null) {
            log.warn("unknown frame type from the server; ignored (newer server?)");
            return;
        }
        switch (type) {
            case HELLO -> c.machine.greeted(frame.payloadAs(Hello.class));
            case INITIAL_STATS -> c.events.initialStats(frame);
            case MEMBER_CHECKED_IN, MEMBER_CHECKED_OUT, STATS_UPDATE ->
                    c.events.event(new Event(frame.seq() == null ? -1 : frame.seq(), frame.type(), frame.ts(), frame.payload()), true);
            case MEMBER_UPDATED -> c.broadcasts.memberUpdated(frame);
            case REVIEWS_CHANGED -> c.broadcasts.reviewsChanged(frame);
            case RESUMED -> c.events.resumed();
            case RESYNC_REQUIRED -> c.events.resyncRequired(frame.payloadAs(ResyncRequired.class));
            case AUTH_REFRESHED -> c.tokens.refreshedOnSocket(frame.payloadAs(AuthRefreshed.class));
            case CHECK_IN_SUCCESS, CHECK_OUT_SUCCESS ->
                    c.outbox.answered(frame.id(), new ScanOutcome.Confirmed(frame.id(), frame.payloadAs(CommandResult.class)));
            case CHECK_IN_ERROR, CHECK_OUT_ERROR, ERROR -> c.outbox.errorFrame(frame);
            default -> { } // heartbeat_ack: its arrival is the point
        }
        c.machine.publish();
    }

    // --- heartbeat and liveness -------------------------------------------------------------------

    void armHeartbeat() {
        Timers.cancel(heartbeatTimer);
        heartbeatTimer = c.timers.schedule(() -> {
            if (c.machine.state() == ConnectionState.LIVE) {
                send(Frame.of(MessageType.HEARTBEAT, UUID.randomUUID().toString(), null, c.now(), null));
                armHeartbeat();
            }
        }, heartbeatInterval);
        armLiveness(lastInbound.plus(heartbeatInterval.multipliedBy(ConnectionService.SILENT_INTERVALS)));
    }

    /** Fires at the liveness deadline; re-arms itself when frames arrived meanwhile. */
    private void armLiveness(Instant deadline) {
        Timers.cancel(livenessTimer);
        int gen = generation;
        livenessTimer = c.timers.schedule(() -> {
            if (gen != generation || c.machine.state() != ConnectionState.LIVE) {
                return;
            }
            Instant due = lastInbound.plus(heartbeatInterval.multipliedBy(ConnectionService.SILENT_INTERVALS));
            if (c.now().isBefore(due)) {
                armLiveness(due);
            } else {
                c.machine.socketClosed(FailureClassifier.heartbeat(Duration.between(lastInbound, c.now())));
            }
        }, Duration.between(c.now(), deadline));
    }
}
