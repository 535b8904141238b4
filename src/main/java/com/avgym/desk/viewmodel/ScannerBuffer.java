package com.avgym.desk.viewmodel;

import java.time.Duration;
import java.util.Optional;

/**
 * Tells keyboard-wedge scanner input from people typing. A scanner "types" the card number in a burst and
 * ends it with Enter: at least {@value #MIN_LENGTH} characters with less than 50 ms between keys. The same
 * code again within 2 s is the scanner's double read, not a second visit, and is dropped.
 *
 * <p>The times are when the UI thread saw each key, not when the scanner sent it (JavaFX key events carry no
 * timestamp). While the UI thread is busy, for example laying out the answer to the previous scan, keys wait in
 * the queue and one gap of a real burst reads 50-150 ms. So one gap of up to 250 ms is
 * allowed inside a burst; a person's typing has many slow gaps, not one.
 *
 * <p>Where the keys went matters too. Typed into a text field, they are the field's unless they came as a burst.
 * Typed while a button, a table or the tabs had the focus, they went nowhere: then any number typed and ended with
 * Enter is taken as a scan, however slowly it came (a pause of 2 s starts afresh).
 *
 * <p>Timestamps are monotonic nanoseconds, so tests feed a fake clock. Not thread-safe: fed from the UI thread's
 * key filter.
 */
public final class ScannerBuffer {
    public static final int MIN_LENGTH = 4;
    private static final long MAX_GAP_NANOS = Duration.ofMillis(50).toNanos();
    private static final long MAX_STALL_NANOS = Duration.ofMillis(250).toNanos();
    private static final long MAX_PAUSE_NANOS = Duration.ofSeconds(2).toNanos();
    private static final long REPEAT_WINDOW_NANOS = Duration.ofSeconds(2).toNanos();
    /** Longer than any card number; older keys are dropped. */
    private static final int CAPACITY = 64;

    private final char[] chars = new char[CAPACITY];
    private final long[] times = new long[CAPACITY];
    private int size;
    private String lastCode;
    private long lastCodeAt;

    /** A printable character typed at {@code nanos}. */
    public void key(char c, long nanos) {
        if (Character.isISOControl(c)) {
            return;
        }
        if (size > 0 && nanos - times[size - 1] >= MAX_PAUSE_NANOS) {
            size = 0;
        }
        if (size == CAPACITY) {
            System.arraycopy(chars, 1, chars, 0, CAPACITY - 1);
            System.arraycopy(times, 1, times, 0, CAPACITY - 1);
            size--;
        }
        chars[size] = c;
        times[size] = nanos;
        size++;
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
     * Enter at {@code nanos}; {@code typedIntoText} says whether the keys went into an editable text field. A
     * REPEAT is reported apart from TYPING because the view must still swallow it: otherwise the Enter would
     * reach a focused number field and check the member in a second time.
     */
    public Verdict enter(long nanos, boolean typedIntoText) {
        int start = typedIntoText ? burstStart(nanos) : pausedStart(nanos);
        String code = new String(chars, start, size - start).trim();
        size = 0;
        if (code.length() < MIN_LENGTH) {
            return new Verdict(Kind.TYPING, null);
        }
        if (code.equals(lastCode) && nanos - lastCodeAt < REPEAT_WINDOW_NANOS) {
            return new Verdict(Kind.REPEAT, code);
        }
        lastCode = code;
        lastCodeAt = nanos;
        return new Verdict(Kind.SCAN, code);
    }

    /** Index of the first key of the burst that ends at {@code enterAt}; {@code size} when there is none. */
    private int burstStart(long enterAt) {
        boolean stalled = false;
        long later = enterAt;
        int start = size;
        while (start > 0) {
            long gap = later - times[start - 1];
            if (gap >= MAX_GAP_NANOS) {
                if (stalled || gap >= MAX_STALL_NANOS) {
                    break;
                }
                stalled = true;
            }
            start--;
            later = times[start];
        }
        return start;
    }

    /** Every key since the last pause, if Enter came without a pause either. */
    private int pausedStart(long enterAt) {
        return size > 0 && enterAt - times[size - 1] < MAX_PAUSE_NANOS ? 0 : size;
    }

    /** Any other key (arrows, Tab, Escape...) ends a burst: scanners do not send those mid-code. */
    public void reset() {
        size = 0;
    }
}
