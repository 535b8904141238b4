package com.avgym.desk.viewmodel;

import java.util.Optional;

/**
 * Tells keyboard-wedge scanner input from people typing. A scanner "types" the card number in a burst and
 * ends it with Enter: at least {@value #MIN_LENGTH} characters with less than 50 ms between keys. The same
 * code again within 2 s is the scanner's double read, not a second visit, and is dropped.
 *
 * <p>Timestamps are monotonic nanoseconds (KeyEvent arrival or System.nanoTime), so tests feed a fake clock.
 * Not thread-safe: fed from the UI thread's key filter.
 */
public final class ScannerBuffer {
    public static final int MIN_LENGTH = 4;
    static final long MAX_GAP_NANOS = 50_000_000L;
    static final long REPEAT_WINDOW_NANOS = 2_000_000_000L;

    private final StringBuilder burst = new StringBuilder();
    private long lastKeyAt;
    private String lastCode;
    private long lastCodeAt;

    /** A printable character typed at {@code nanos}. A slow key starts a new burst. */
    public void key(char c, long nanos) {
        if (Character.isISOControl(c)) {
            return;
        }
        if (burst.length() > 0 && nanos - lastKeyAt >= MAX_GAP_NANOS) {
            burst.setLength(0);
        }
        burst.append(c);
        lastKeyAt = nanos;
    }

    /** What an Enter meant. */
    public enum Kind {
        /** A new scan: send {@code code}. */
        SCAN,
        /** The scanner read the same card again within 2 s: swallow it, send nothing. */
        REPEAT,
        /** A person typed: leave the Enter to the focused control. */
        TYPING
    }

    public record Verdict(Kind kind, String code) {
        /** The code of a new scan, empty for a repeat or typing. */
        public Optional<String> scan() {
            return kind == Kind.SCAN ? Optional.of(code) : Optional.empty();
        }
    }

    /**
     * Enter at {@code nanos}. A REPEAT is reported apart from TYPING because the view must still swallow it:
     * otherwise the Enter would reach a focused number field and check the member in a second time.
     */
    public Verdict enter(long nanos) {
        boolean fast = burst.length() >= MIN_LENGTH && nanos - lastKeyAt < MAX_GAP_NANOS;
        String code = burst.toString().trim();
        burst.setLength(0);
        if (!fast || code.length() < MIN_LENGTH) {
            return new Verdict(Kind.TYPING, null);
        }
        if (code.equals(lastCode) && nanos - lastCodeAt < REPEAT_WINDOW_NANOS) {
            return new Verdict(Kind.REPEAT, code);
        }
        lastCode = code;
        lastCodeAt = nanos;
        return new Verdict(Kind.SCAN, code);
    }

    /** Any other key (arrows, Tab, Escape...) ends a burst: scanners do not send those mid-code. */
    public void reset() {
        burst.setLength(0);
    }

    /** True while a burst is building, so the view can keep the keys away from a focused button. */
    public boolean inBurst(long nanos) {
        return burst.length() > 0 && nanos - lastKeyAt < MAX_GAP_NANOS;
    }
}
