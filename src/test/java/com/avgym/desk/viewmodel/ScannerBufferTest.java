package com.avgym.desk.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScannerBufferTest {
    private static final long MS = 1_000_000L;
    private final ScannerBuffer buffer = new ScannerBuffer();
    private long clock = 1_000 * MS;

    /** Types {@code text} into a text field with {@code gapMs} between keys, then Enter after one more gap. */
    private Optional<String> type(String text, long gapMs) {
        keys(text, gapMs);
        clock += gapMs * MS;
        return buffer.enter(clock, true).scan();
    }

    private void keys(String text, long gapMs) {
        for (char c : text.toCharArray()) {
            clock += gapMs * MS;
            buffer.key(c, clock);
        }
    }

    /** Enter {@code gapMs} after the last key, the keys having gone into a text field or not. */
    private ScannerBuffer.Verdict enter(long gapMs, boolean typedIntoText) {
        clock += gapMs * MS;
        return buffer.enter(clock, typedIntoText);
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
    void keysTypedASecondOrMoreBeforeTheBurstStayOutOfIt() {
        clock += 500 * MS;
        buffer.key('x', clock);
        clock += 1_200 * MS;
        assertThat(type("M0004", 8)).contains("M0004");
    }

    /** The soak run under load: the UI thread stalled 300 ms after the first key and the old rule sent "0012". */
    @Test
    void aStallRightAfterTheFirstKeyIsBridged() {
        buffer.key('m', clock);
        clock += 300 * MS;
        keys("0012", 1);
        assertThat(enter(1, true).scan()).contains("m0012");
    }

    /**
     * Typing, then one key that is either the person's last or a stalled scan's first, then a burst: joining it
     * ("iM0004") or cutting it off ("0012" for "m0012") could send a wrong number, so nothing is sent and the keys
     * and the Enter stay the field's.
     */
    @Test
    void anIsolatedKeyAfterTypingJustBeforeABurstIsAmbiguousAndSendsNothing() {
        keys("smi", 150);
        clock += 200 * MS;
        keys("M0004", 5);
        assertThat(enter(5, true).kind()).isEqualTo(ScannerBuffer.Kind.TYPING);
        keys("sm", 150);
        clock += 150 * MS;
        buffer.key('m', clock);
        clock += 400 * MS;
        keys("0012", 1);
        assertThat(enter(1, true).kind()).isEqualTo(ScannerBuffer.Kind.TYPING);
    }

    /** Measured in the soak run under load: a stall of the UI thread longer than 250 ms inside a burst. */
    @Test
    void aStallOfUpToASecondAfterAFastRunIsBridged() {
        keys("m0", 5);
        clock += 400 * MS;
        keys("012", 1);
        assertThat(enter(1, true).scan()).contains("m0012");
        keys("m00", 5);
        clock += 950 * MS;
        keys("13", 1);
        assertThat(enter(1, true).scan()).contains("m0013");
    }

    /** Seen under load with the focus in the search box: "4.8 13.9 50.9 12.5 60.5" ms, and a stall after the first key. */
    @Test
    void twoStallsInAFiveKeyBurstAreBridgedButHalfTheGapsSlowIsTyping() {
        keys("m0", 5);
        clock += 51 * MS;
        keys("001", 12);
        assertThat(enter(60, true).scan()).contains("m0001");
        buffer.key('m', clock);
        clock += 95 * MS;
        keys("0002", 5);
        assertThat(enter(62, true).scan()).contains("m0002");
        keys("m0", 5);
        clock += 60 * MS;
        keys("0", 5);
        clock += 60 * MS;
        keys("3", 5);
        assertThat(enter(60, true).kind()).as("three of five gaps slow").isEqualTo(ScannerBuffer.Kind.TYPING);
    }

    @Test
    void enterLongAfterTheLastKeyIsNotAScan() {
        keys("M0005", 5);
        assertThat(enter(1_100, true).kind()).isEqualTo(ScannerBuffer.Kind.TYPING);
    }

    /** Measured in the soak run: the UI thread busy with the previous answer held one key back 75-105 ms. */
    @Test
    void oneStallOfTheUiThreadInsideABurstIsBridged() {
        keys("M0", 5);
        clock += 75 * MS;
        keys("011", 1); // held back, then dispatched at once
        assertThat(enter(1, true).scan()).contains("M0011");
        keys("M00", 8);
        clock += 104 * MS;
        keys("12", 1);
        assertThat(enter(3, true).scan()).contains("M0012");
        keys("M0013", 8);
        assertThat(enter(104, true).scan()).as("the stall before the Enter").contains("M0013");
    }

    @Test
    void twoSlowGapsOrALongerStallAreTyping() {
        keys("M0", 8);
        clock += 90 * MS;
        keys("0", 8);
        clock += 90 * MS;
        keys("15", 8);
        assertThat(enter(8, true).kind()).isEqualTo(ScannerBuffer.Kind.TYPING);
        keys("M0", 8);
        clock += 1_100 * MS;
        keys("016", 8);
        assertThat(enter(8, true).kind()).as("only the 3 characters after the pause are fast: too short")
                .isEqualTo(ScannerBuffer.Kind.TYPING);
        keys("M00", 8);
        clock += 90 * MS;
        keys("1", 8);
        clock += 90 * MS;
        assertThat(enter(8, true).kind()).as("a second stall, before the Enter").isEqualTo(ScannerBuffer.Kind.TYPING);
    }

    @Test
    void theScannerFieldsWholeTextIsTheScanHoweverItWasTimed() {
        buffer.key('m', clock);
        clock += 600 * MS;
        keys("0021", 1);
        clock += 5 * MS;
        ScannerBuffer.Verdict v = buffer.enterWhole(" m0021 ", clock);
        assertThat(v.scan()).contains("m0021");
        clock += 500 * MS;
        assertThat(buffer.enterWhole("m0021", clock).kind()).as("its double read").isEqualTo(ScannerBuffer.Kind.REPEAT);
        assertThat(buffer.enterWhole("m00", clock).kind()).as("too short").isEqualTo(ScannerBuffer.Kind.TYPING);
        assertThat(type("m0022", 300)).as("the buffer was emptied by each Enter").isEmpty();
    }

    @Test
    void aScanReportsHowManyKeysMadeIt() {
        keys("ab", 300);
        clock += 1_500 * MS;
        keys(" M0023", 5);
        ScannerBuffer.Verdict v = enter(5, true);
        assertThat(v.code()).isEqualTo("M0023");
        assertThat(v.keys()).as("the leading space was one of its keys").isEqualTo(6);
    }

    @Test
    void keysThatWentNowhereAreAScanHoweverSlow() {
        keys("M0017", 300);
        assertThat(enter(300, true).kind()).as("typed into a field: the field's").isEqualTo(ScannerBuffer.Kind.TYPING);
        keys("M0017", 300);
        assertThat(enter(300, false).scan()).as("typed on a button: a scan").contains("M0017");
    }

    @Test
    void aPauseStartsAfreshEvenWhereKeysWentNowhere() {
        keys("xyz", 100);
        clock += 2_500 * MS;
        keys("M0018", 100);
        assertThat(enter(100, false).scan()).contains("M0018");
        keys("M0019", 100);
        assertThat(enter(2_000, false).kind()).as("Enter after a pause").isEqualTo(ScannerBuffer.Kind.TYPING);
    }

    @Test
    void onlyTheLastSixtyFourCharactersAreKept() {
        keys("x".repeat(100) + "M0020", 1);
        assertThat(enter(1, false).scan()).get().asString().hasSize(64).endsWith("M0020");
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
        keys("M0009", 5);
        ScannerBuffer.Verdict v = enter(5, true);
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
        keys("M00", 5);
        buffer.reset();
        assertThat(type("09", 5)).isEmpty();
    }
}
