package com.avgym.desk;

import com.avgym.desk.viewmodel.UiDelay;
import java.time.Duration;
import javafx.animation.PauseTransition;

/** {@link UiDelay} on the JavaFX clock: the task runs on the UI thread, and no thread sleeps waiting for it. */
final class FxUiDelay implements UiDelay {
    @Override
    public Runnable schedule(Duration delay, Runnable task) {
        PauseTransition pause = new PauseTransition(javafx.util.Duration.millis(delay.toMillis()));
        pause.setOnFinished(e -> task.run());
        pause.play();
        return pause::stop;
    }
}
