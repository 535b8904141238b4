package com.avgym.desk.viewmodel;

import java.time.Duration;
import java.util.Optional;

/**
 * Tells keyboard-wedge scanner input from people typing. A scanner "types" the card number in a burst and
 * ends it with Enter: at least {@value #MIN_LENGTH} characters with less than 50 ms between keys. The same
 * code again within 2 s is the scanner's double read, not a second visit, and is dropped.
 *
 * <p>The times are when the UI thread saw each key, not when the scanner sent it (JavaFX key events carry no
 * timestamp). While the UI thread is busy (laying out the previous answer, a GC, a loaded machine taking the
 * CPU away) keys wait in the queue, and one gap of a real burst reads anything from 50 ms to several hundred.
 * Taking the burst after such a gap sends a cut number: under load the soak run sent "0012" for "m0012", the
 * UI thread having stalled right after the first key. A stall cannot always be told from typing by hand just
 * before a scan, so a burst is only cut where that is safe:
 * <ul>
 *   <li>a slow gap of under {@value #STALL_MILLIS} ms is a stall and is bridged when it follows a run of at
 *       least two fast keys, or the first key held (nothing typed in the 2 s before it: nobody types one
 *       character and scans a card within a second), or comes right before the Enter; fewer than half of a
 *       burst's gaps may be stalls (under load a stall inside and one before the Enter were seen together);
 *   <li>keys that came {@value #STALL_MILLIS} ms or more before the burst are someone's earlier typing and
 *       stay out of the scan;
 *   <li>anything else is ambiguous (typing, then a key that is either the person's last or the scan's first, a
 *       gap, a burst) and counts as typing: nothing is sent, the keys stay in the field and the Enter is the
 *       field's. A number the staff can see and scan again, never a wrong number sent.
 * </ul>
 *
 * <p>Where the keys went matters too. Typed into a text field, they are the field's unless they came as a burst.
 * Typed while a button, a table or the tabs had the focus, they went nowhere: then any number typed and ended with
 * Enter is taken as a scan, however slowly it came (a pause of 2 s starts afresh). Typed into the scanner field,
 * the field's whole text is the number ({@link #enterWhole}), whatever the timing.
 *
 * <p>Timestamps are monotonic nanoseconds, so tests feed a fake clock. Not thread-safe: fed from the UI thread's
 * key filter.
 */
public final class ScannerBuffer {
    public static final int MIN_LENGTH = 4;
    static final long STALL_MILLIS = 1_000;
    private static final long MAX_GAP_NANOS = Duration.ofMillis(50).toNanos();
    private static final long MAX_STALL_NANOS = Duration.ofMillis(STALL_MILLIS).toNanos();
    private static final long MAX_PAUSE_NANOS = Duration.ofSeconds(2).toNanos();
    private static final long REPEAT_WINDOW_NANOS = Duration.ofSeconds(2).toNanos();
    /** Longer than any card number; older keys are dropped. */
    private static final int CAPACITY = 64;

    private final char[] chars = new char[CAPACITY];
    private final long[] times = new long[CAPACITY];
    private int size;
    private String lastCode;
    private long lastCodeAt;

    /**
     * A character typed at {@code nanos}. Returns whether it was kept: control characters (Backspace, Tab,
     * Enter's own character) are not part of a code.
     */
    public boolean key(char c, long nanos) {
        if (Character.isISOControl(c)) {
            return false;
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
        return true;
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

    /**
     * {@code keys}: how many of the last keys made the scan (with any spaces trimmed off the code), so the view
     * can put the focused field back as it was before the first of them.
     */
    public record Verdict(Kind kind, String code, int keys) {
        private static final Verdict TYPED = new Verdict(Kind.TYPING, null, 0);

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
        int keys = size - start;
        String code = new String(chars, start, keys).trim();
        size = 0;
        return judge(code, keys, nanos);
    }

    /**
     * Enter in the scanner field at {@code nanos}: the field holds nothing but the number, so its whole text is
     * the scan however the keys were timed (a stall of the UI thread cannot cut it). The double-read rule still
     * applies.
     */
    public Verdict enterWhole(String text, long nanos) {
        size = 0;
        String code = text == null ? "" : text.trim();
        return judge(code, code.length(), nanos);
    }

    private Verdict judge(String code, int keys, long nanos) {
        if (code.length() < MIN_LENGTH) {
            return Verdict.TYPED;
        }
        if (code.equals(lastCode) && nanos - lastCodeAt < REPEAT_WINDOW_NANOS) {
            return new Verdict(Kind.REPEAT, code, keys);
        }
        lastCode = code;
        lastCodeAt = nanos;
        return new Verdict(Kind.SCAN, code, keys);
    }

    /**
     * Index of the first key of the burst that ends at {@code enterAt}; {@code size} (no scan) when there is none
     * or where it begins is ambiguous (see the class comment).
     */
    private int burstStart(long enterAt) {
        int stalls = 0;
        long later = enterAt;
        int start = size;
        while (start > 0) {
            long gap = later - times[start - 1];
            if (gap >= MAX_GAP_NANOS) {
                boolean beforeEnter = start == size;
                boolean firstKey = start - 1 == 0;
                if (gap >= MAX_STALL_NANOS || !(beforeEnter || firstKey || fastRunEndsAt(start - 1))) {
                    break;
                }
                stalls++;
            }
            start--;
            later = times[start];
        }
        // A burst has as many gaps as keys (the last one before the Enter); half of them slow is typing.
        if (stalls * 2 >= size - start) {
            return size;
        }
        if (start == 0 || start == size) {
            return start;
        }
        // Keys before the burst: someone's earlier typing if they came well before it, else ambiguous.
        return times[start] - times[start - 1] >= MAX_STALL_NANOS ? start : size;
    }

    /** Whether the key at {@code i} ends a run of at least two keys less than 50 ms apart. */
    private boolean fastRunEndsAt(int i) {
        return i > 0 && times[i] - times[i - 1] < MAX_GAP_NANOS;
    }

    /** Every key since the last pause, if Enter came without a pause either. */
    private int pausedStart(long enterAt) {
        return size > 0 && enterAt - times[size - 1] < MAX_PAUSE_NANOS ? 0 : size;
    }

    /** The gaps between the held keys and to {@code enterAt}, in ms, for the debug log ("5.0 312.4 0.1"). */
    public String gaps(long enterAt) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= size; i++) {
            long gap = (i < size ? times[i] : enterAt) - times[i - 1];
            b.append(i > 1 ? " " : "").append(String.format(java.util.Locale.ROOT, "%.1f", gap / 1e6));
        }
        return b.toString();
    }

    /** Any other key (arrows, Tab, Escape...) ends a burst: scanners do not send those mid-code. */
    public void reset() {
        size = 0;
    }
}
