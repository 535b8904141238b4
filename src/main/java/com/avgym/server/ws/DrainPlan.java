package com.avgym.server.ws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When each socket of a draining server is closed, and when its desk is told to come back. Closing 1,000 sockets
 * at once sends 1,000 reconnects to the surviving nodes within the client's own short wait; spreading the closes
 * evenly over the window in batches every {@link #STEP}, and spacing each batch's retry hints evenly over the
 * step, makes reconnects arrive at an even rate (sockets / window) instead. A small node does not wait the whole
 * window: it closes at {@link #MAX_RATE_PER_SECOND} at most, already a rate the others take easily.
 */
public record DrainPlan(List<Batch> batches, Duration step) {
    /** Time between two batches. */
    public static final Duration STEP = Duration.ofMillis(250);
    /** A window that would close sockets slower than this is shortened. */
    public static final int MAX_RATE_PER_SECOND = 100;

    /** Close {@code size} sockets {@code atMillis} after the drain began; socket i of it is told retryAfterMillis(i). */
    public record Batch(long atMillis, int size, long stepMillis) {
        /** The retry hint of the {@code index}-th socket of this batch: evenly spaced over one step. */
        public long retryAfterMillis(int index) {
            return stepMillis * index / size;
        }
    }

    /** The plan for {@code sockets} open sockets and a configured {@code window} (zero: all at once). */
    public static DrainPlan of(int sockets, Duration window) {
        if (sockets <= 0) {
            return new DrainPlan(List.of(), STEP);
        }
        long windowMs = Math.min(window.toMillis(), 1000L * sockets / MAX_RATE_PER_SECOND);
        long stepMs = STEP.toMillis();
        int count = (int) Math.max(1, Math.min(sockets, windowMs / stepMs));
        long spacing = count == 1 ? 0 : windowMs / count;
        List<Batch> batches = new ArrayList<>(count);
        int given = 0;
        for (int i = 0; i < count; i++) {
            // Integer spreading of the remainder: sizes differ by at most one.
            int upTo = (int) ((long) sockets * (i + 1) / count);
            batches.add(new Batch(i * spacing, upTo - given, count == 1 ? Math.min(stepMs, windowMs) : spacing));
            given = upTo;
        }
        return new DrainPlan(List.copyOf(batches), Duration.ofMillis(stepMs));
    }

    /** The close reason a desk parses: {@code restart; retry-after-ms=NNNN} (docs/PROTOCOL.md section 9). */
    public static String closeReason(long retryAfterMillis) {
        return "restart; retry-after-ms=" + retryAfterMillis;
    }
}
