package com.avgym.client;

import com.avgym.protocol.Frame;
import com.avgym.protocol.ProtocolException;
import com.avgym.protocol.message.MemberUpdated;
import com.avgym.protocol.message.ReviewsChanged;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's broadcasts that are not events ({@code member_updated}, {@code reviews_changed}): no {@code seq},
 * never replayed, so they leave {@link EventSync}'s {@code lastSeq}, resume and gap handling alone. Each is
 * handed to the internal hook (the roster's sync) first, then to the listeners. Scheduler thread only.
 */
final class Broadcasts {
    private static final Logger log = LoggerFactory.getLogger(Broadcasts.class);

    private final ServiceContext c;
    private LongConsumer rosterHook = version -> { };

    Broadcasts(ServiceContext c) {
        this.c = c;
    }

    /** Who fetches the roster delta when the server announces a newer version (set once, at wiring). */
    void onRosterChanged(LongConsumer hook) {
        rosterHook = hook;
    }

    void memberUpdated(Frame frame) {
        MemberUpdated m = read(frame, MemberUpdated.class);
        if (m != null) {
            rosterHook.accept(m.version());
            c.listeners.forEach(l -> l.rosterChanged(m.version()));
        }
    }

    void reviewsChanged(Frame frame) {
        ReviewsChanged r = read(frame, ReviewsChanged.class);
        if (r != null) {
            c.listeners.forEach(l -> l.reviewsChanged(r.openCount()));
        }
    }

    /** A payload we cannot read is dropped with a warning; the socket and everything else go on. */
    private static <T> T read(Frame frame, Class<T> type) {
        try {
            return frame.payloadAs(type);
        } catch (ProtocolException e) {
            log.warn("unreadable {} payload from the server ({}); ignored", frame.type(), e.code());
            return null;
        }
    }
}
