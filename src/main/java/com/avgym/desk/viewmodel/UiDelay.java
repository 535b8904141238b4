package com.avgym.desk.viewmodel;

import java.time.Duration;

/**
 * Runs a task on the UI thread after a delay (debouncing typed searches). The app uses a JavaFX pause, tests a
 * manual clock, so no test waits for real time to pass.
 */
@FunctionalInterface
public interface UiDelay {
    /** Returns what cancels the task if it has not run yet. Called on the UI thread. */
    Runnable schedule(Duration delay, Runnable task);
}
