package com.avgym.server.ws;

import com.avgym.protocol.ErrorCode;
import com.avgym.protocol.Frame;
import com.avgym.protocol.MessageType;
import com.avgym.protocol.ProtocolException;
import com.avgym.protocol.message.AuthRefresh;
import com.avgym.protocol.message.AuthRefreshed;
import com.avgym.protocol.message.CheckInCommand;
import com.avgym.protocol.message.CheckOutCommand;
import com.avgym.protocol.message.ErrorPayload;
import com.avgym.protocol.message.Heartbeat;
import com.avgym.protocol.message.Resume;
import com.avgym.server.ServerMetrics;
import com.avgym.server.auth.AuthException;
import com.avgym.server.auth.AuthService;
import com.avgym.server.auth.Principal;
import com.avgym.server.checkin.CheckInService;
import com.avgym.server.checkin.CommandOutcome;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What each client command means: the protocol side of a socket. Runs on the socket's own thread, in order. */
final class CommandHandler {
    private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);

    private final CheckInService checkIns;
    private final AuthService auth;
    private final ServerMetrics metrics;
    private final Clock clock;

    CommandHandler(CheckInService checkIns, AuthService auth, ServerMetrics metrics, Clock clock) {
        this.checkIns = checkIns;
        this.auth = auth;
        this.metrics = metrics;
        this.clock = clock;
    }

    void handle(Connection conn, ConnectionRegistry registry, MessageType type, Frame frame) {
        long start = System.nanoTime();
        try {
            switch (type) {
                case HEARTBEAT -> conn.send(Frame.of(MessageType.HEARTBEAT_ACK, frame.id(), null, clock.instant(),
                        new Heartbeat(clock.instant())));
                case CHECK_IN -> command(conn, frame, MessageType.CHECK_IN_SUCCESS, MessageType.CHECK_IN_ERROR, true);
                case CHECK_OUT -> command(conn, frame, MessageType.CHECK_OUT_SUCCESS, MessageType.CHECK_OUT_ERROR, false);
                case RESUME -> resume(conn, registry, frame);
                case AUTH_REFRESH -> authRefresh(conn, frame);
                default -> throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown message type");
            }
        } catch (ProtocolException e) {
            conn.violation(e.code(), e.getMessage(), frame.id(), MessageType.ERROR);
        } catch (RuntimeException e) {
            log.error("{} from {} failed", type, conn.principal().username(), e);
            MessageType reply = type == MessageType.CHECK_IN ? MessageType.CHECK_IN_ERROR
                    : type == MessageType.CHECK_OUT ? MessageType.CHECK_OUT_ERROR : MessageType.ERROR;
            conn.send(Frame.of(reply, frame.id(), null, clock.instant(),
                    ErrorPayload.of(ErrorCode.INTERNAL, "internal error; try again")));
        } finally {
            metrics.commandLatency().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private void command(Connection conn, Frame frame, MessageType success, MessageType failure, boolean checkIn) {
        Principal who = conn.principal();
        if (checkIn ? !who.role().mayCheckIn() : !who.role().mayWrite()) {
            metrics.checkInRefused(ErrorCode.FORBIDDEN);
            conn.send(Frame.of(failure, frame.id(), null, clock.instant(), ErrorPayload.of(ErrorCode.FORBIDDEN,
                    checkIn ? "only staff may check members in" : "only staff may check members out")));
            return;
        }
        CommandOutcome outcome;
        try {
            outcome = checkIn
                    ? checkIns.checkIn(who, frame.payloadAs(CheckInCommand.class))
                    : checkIns.checkOut(who, frame.payloadAs(CheckOutCommand.class));
        } catch (ProtocolException e) {
            // A command with a bad payload still gets its own *_error, so the desk's request completes.
            conn.violation(e.code(), e.getMessage(), frame.id(), failure);
            return;
        }
        metrics.checkIn(outcome);
        switch (outcome) {
            case CommandOutcome.Done d -> conn.send(Frame.of(success, frame.id(), null, clock.instant(), d.result()));
            case CommandOutcome.Refused r -> conn.send(Frame.of(failure, frame.id(), null, clock.instant(), r.error()));
        }
    }

    /** A replay is the visit log: a kiosk may not read it (and never receives those events live either). */
    private void resume(Connection conn, ConnectionRegistry registry, Frame frame) {
        if (!conn.principal().role().mayRead()) {
            conn.send(Frame.of(MessageType.ERROR, frame.id(), null, clock.instant(),
                    ErrorPayload.of(ErrorCode.FORBIDDEN, "this role may not replay events")));
            return;
        }
        registry.resume(conn, frame.id(), frame.payloadAs(Resume.class).lastSeq());
    }

    private void authRefresh(Connection conn, Frame frame) {
        AuthRefresh body = frame.payloadAs(AuthRefresh.class);
        Principal fresh;
        try {
            fresh = auth.authenticate(body.access());
        } catch (AuthException e) {
            metrics.increment(ServerMetrics.AUTH_FAILURES, e.code().name());
            conn.send(Frame.of(MessageType.ERROR, frame.id(), null, clock.instant(), ErrorPayload.of(e.code(), e.getMessage())));
            return;
        }
        if (!fresh.userId().equals(conn.principal().userId())) {
            metrics.increment(ServerMetrics.AUTH_FAILURES, "OTHER_USER");
            conn.send(Frame.of(MessageType.ERROR, frame.id(), null, clock.instant(),
                    ErrorPayload.of(ErrorCode.FORBIDDEN, "auth_refresh must be for the same user")));
            return;
        }
        conn.principal(fresh);
        conn.send(Frame.of(MessageType.AUTH_REFRESHED, frame.id(), null, clock.instant(), new AuthRefreshed(fresh.accessExpiresAt())));
    }
}
