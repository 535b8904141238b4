package com.avgym.desk;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UI thread's uncaught-exception handler: logs the error and gives the screen in front its error panel
 * (the React error boundary's job). The app keeps running: JavaFX carries on with the next event after a
 * handler throws, and the panel's "Reload view" rebuilds the screen from its view-model.
 */
final class ErrorBoundary implements Thread.UncaughtExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ErrorBoundary.class);

    /** The main view while it is on screen, else null (on the sign-in screen there is nothing to replace). */
    private final Supplier<MainView> shown;

    ErrorBoundary(Supplier<MainView> shown) {
        this.shown = shown;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        log.error("uncaught exception on the UI thread", error);
        MainView main = shown.get();
        if (main != null) {
            main.failCurrent(error);
        }
    }
}
