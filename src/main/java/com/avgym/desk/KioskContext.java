package com.avgym.desk;

import com.avgym.client.StaffPasswordCheck;
import com.avgym.desk.viewmodel.UiDelay;
import java.util.Objects;

/**
 * What the kiosk starts with besides the desk's context: the gym's name for the screen, the timers' clock (JavaFX's
 * in the app, a manual one in tests), the staff password check for leaving kiosk mode, and whether the window
 * takes the whole screen (the UI tests' windows do too; a developer may not want it).
 */
public record KioskContext(DeskContext desk, String gymName, UiDelay delay, StaffPasswordCheck staffCheck,
                           boolean fullScreen) {
    public static final String DEFAULT_GYM_NAME = "AV-Gym";

    public KioskContext {
        Objects.requireNonNull(desk);
        Objects.requireNonNull(delay);
        Objects.requireNonNull(staffCheck);
        gymName = gymName == null || gymName.isBlank() ? DEFAULT_GYM_NAME : gymName.strip();
    }
}
