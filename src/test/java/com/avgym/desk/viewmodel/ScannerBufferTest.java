package com.avgym.desk.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScannerBufferTest {
    private static final long MS = 1_000_000L;
    private final ScannerBuffer buffer = new ScannerBuffer();
    private long clock = 1_000 * MS;

    /** Types {@code text} with {@code gapMs} between keys, then Enter after one more gap. */
    private Optional<String> type(String text, long gapMs) {
        for (char c : text.toCharArray()) {
            clock += gapMs * MS;
            buffer.key(c, clock);
        }
        clock += gapMs * MS;
        return buffer.enter(clock).scan();
    }

    @Test
    void fastBurstEndingInEnterIsAScan() {
        assertThat(type("M0001", 10)).contains("M0001");
    }

    @Test
    void slowTypingIsNotAScan() {
        assertThat(type("M0001", 120)).isEmpty();
    }

    @Test
    void gapJustUnderFiftyMillisecondsStillCounts() {
        assertThat(type("M0002", 49)).contains("M0002");
        assertThat(type("M0003", 50)).isEmpty();
    }

    @Test
    void shorterThanFourCharactersIsNotAScan() {
        assertThat(type("M01", 5)).isEmpty();
        assertThat(type("M012", 5)).contains("M012");
    }

    @Test
    void aSlowPrefixIsDroppedAndOnlyTheBurstCounts() {
        clock += 500 * MS;
        buffer.key('x', clock);
        clock += 400 * MS;
        assertThat(type("M0004", 8)).contains("M0004");
    }

    @Test
    void enterLongAfterTheLastKeyIsNotAScan() {
        for (char c : "M0005".toCharArray()) {
            clock += 5 * MS;
            buffer.key(c, clock);
        }
        clock += 300 * MS;
        assertThat(buffer.enter(clock).kind()).isEqualTo(ScannerBuffer.Kind.TYPING);
    }

    @Test
    void sameCodeWithinTwoSecondsIsIgnoredThenAcceptedAgain() {
        assertThat(type("M0006", 5)).contains("M0006");
        clock += 1_500 * MS;
        assertThat(type("M0006", 5)).isEmpty();
        assertThat(type("M0007", 5)).as("a different card is a new scan").contains("M0007");
        clock += 2_100 * MS;
        assertThat(type("M0006", 5)).contains("M0006");
    }

    @Test
    void aRepeatIsReportedSoTheViewCanSwallowItsEnter() {
        assertThat(type("M0009", 5)).contains("M0009");
        for (char c : "M0009".toCharArray()) {
            clock += 5 * MS;
            buffer.key(c, clock);
        }
        clock += 5 * MS;
        ScannerBuffer.Verdict v = buffer.enter(clock);
        assertThat(v.kind()).isEqualTo(ScannerBuffer.Kind.REPEAT);
        assertThat(v.code()).isEqualTo("M0009");
        assertThat(v.scan()).isEmpty();
    }

    @Test
    void theRepeatWindowCountsFromTheAcceptedScan() {
        assertThat(type("M0008", 5)).contains("M0008");
        clock += 1_900 * MS;
        assertThat(type("M0008", 5)).isEmpty();
        clock += 200 * MS;
        assertThat(type("M0008", 5)).contains("M0008");
    }

    @Test
    void resetDropsTheBurst() {
        for (char c : "M00".toCharArray()) {
            clock += 5 * MS;
            buffer.key(c, clock);
        }
        buffer.reset();
        assertThat(type("09", 5)).isEmpty();
    }

    @Test
    void inBurstIsTrueOnlyWhileKeysAreFast() {
        buffer.key('M', clock);
        assertThat(buffer.inBurst(clock + 10 * MS)).isTrue();
        assertThat(buffer.inBurst(clock + 60 * MS)).isFalse();
    }
}
