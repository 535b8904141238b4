package com.avgym.desk;

import com.avgym.desk.viewmodel.Toast;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows the dashboard's toasts as ControlsFX notifications in the corner of the desk's window, whichever tab is
 * in front (staff scanning at the check-in tab still see another desk's check-in). The view-model decides
 * which toasts there are and when; this only draws them.
 */
final class ToastPresenter {
    private static final Logger log = LoggerFactory.getLogger(ToastPresenter.class);
    private final Node anchor;

    ToastPresenter(Node anchor) {
        this.anchor = anchor;
    }

    void show(Toast toast) {
        Window window = anchor.getScene() == null ? null : anchor.getScene().getWindow();
        if (window == null || !window.isShowing()) {
            log.debug("no window to show a toast in yet");
            return;
        }
        Notifications.create()
                .text(toast.text())
                .owner(window)
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(Duration.millis(toast.visibleFor().toMillis()))
                .styleClass("desk-toast")
                .show();
    }
}
