package com.avgym.desk;

import javafx.stage.Stage;

/** One of the app's windows as {@link DeskLauncher} runs it: the desk or the kiosk. */
interface WindowApp {
    /** Builds the window on {@code stage} and shows it; on the UI thread. */
    void start(Stage stage);

    /** The window has closed; the launcher closes the connection service afterwards, off the UI thread. */
    void stop();
}
