package com.avgym.desk.viewmodel;

/**
 * What a kiosk shows to the member in front of it. The result's colour, its words and (on green) whose photo:
 * members see no technical detail, so the words never name a code, a server or a queue.
 */
public record KioskScreen(Kind kind, Tone tone, String headline, String detail, String memberId) {
    public enum Kind {
        /** "Scan your card", the gym's name and the clock. */
        READY,
        /** A scan was sent; its answer has not come yet. */
        CHECKING,
        /** The answer fills the screen for {@link KioskViewModel#RESULT_FOR}. */
        RESULT,
        /** Nobody used the kiosk for {@link KioskViewModel#IDLE_AFTER}: dimmed, moving text. */
        ATTRACT,
        /** The device session was refused or expired: staff must sign the kiosk in again. */
        OUT_OF_SERVICE
    }

    public enum Tone { NEUTRAL, GREEN, RED, AMBER }

    static final String PLEASE_SEE_DESK = "Please see the front desk";

    static KioskScreen of(Kind kind) {
        return new KioskScreen(kind, Tone.NEUTRAL, "", "", null);
    }

    static KioskScreen result(Tone tone, String headline, String detail, String memberId) {
        return new KioskScreen(Kind.RESULT, tone, headline, detail, memberId);
    }
}
