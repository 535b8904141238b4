package com.avgym.desk;

import com.avgym.client.StaffPasswordCheck;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leaving kiosk mode: an admin or staff member signs in over the kiosk screen (an overlay, not a window, so the
 * full-screen stage stays full screen). The password is checked by the server through {@link StaffPasswordCheck},
 * off the UI thread; the field is cleared after every try, and what was typed is never logged.
 */
final class StaffExitDialog {
    private static final Logger log = LoggerFactory.getLogger(StaffExitDialog.class);
    static final String WRONG = "Wrong username or password, or not a staff account";
    static final String OFFLINE = "Cannot check the password while offline";
    static final String THROTTLED = "Too many tries: wait a minute";

    private final StackPane shade = new StackPane();
    private final TextField username = new TextField();
    private final PasswordField password = new PasswordField();
    private final Button leave = new Button("Leave kiosk");
    private final Label message = new Label();
    private final StaffPasswordCheck check;
    private final Runnable onAccepted;

    StaffExitDialog(StaffPasswordCheck check, Runnable onAccepted) {
        this.check = check;
        this.onAccepted = onAccepted;
        Label title = new Label("Staff: leave kiosk mode");
        title.getStyleClass().add("title");
        username.setId("exit-username");
        username.setPromptText("Admin or staff username");
        password.setId("exit-password");
        password.setPromptText("Password");
        leave.setId("exit-leave");
        // Enter and Escape belong to this dialog only while it is open: a hidden default button would take Enter
        // from the device sign-in beneath it (one scene, one Enter accelerator).
        leave.defaultButtonProperty().bind(shade.visibleProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("exit-cancel");
        cancel.cancelButtonProperty().bind(shade.visibleProperty());
        message.setId("exit-message");
        message.getStyleClass().add("error-text");
        message.setWrapText(true);
        VBox box = new VBox(10, title, username, password, new HBox(8, leave, cancel), message);
        box.getStyleClass().add("kiosk-dialog");
        box.setMaxSize(420, Region.USE_PREF_SIZE);
        box.setId("exit-dialog");
        shade.getChildren().add(box);
        shade.setAlignment(Pos.CENTER);
        shade.getStyleClass().add("kiosk-dialog-shade");
        Nodes.show(shade, false);
        leave.setOnAction(e -> submit());
        cancel.setOnAction(e -> close());
        // Escape closes this dialog only; the kiosk itself ignores it.
        shade.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                close();
                e.consume();
            }
        });
    }

    Parent root() {
        return shade;
    }

    boolean isOpen() {
        return shade.isVisible();
    }

    void open() {
        username.clear();
        password.clear();
        message.setText("");
        leave.setDisable(false);
        Nodes.show(shade, true);
        username.requestFocus();
    }

    void close() {
        password.clear();
        Nodes.show(shade, false);
    }

    private void submit() {
        String user = username.getText().strip();
        char[] pw = password.getText().toCharArray();
        password.clear();
        if (user.isEmpty() || pw.length == 0) {
            message.setText("Enter username and password");
            return;
        }
        leave.setDisable(true);
        message.setText("Checking...");
        check.check(user, pw).whenComplete((result, failure) -> Platform.runLater(() -> {
            leave.setDisable(false);
            if (failure != null) {
                log.warn("kiosk exit: the password check failed: {}", failure.toString());
                message.setText(OFFLINE);
                return;
            }
            switch (result) {
                case ACCEPTED -> {
                    message.setText("");
                    Nodes.show(shade, false);
                    onAccepted.run();
                }
                case REFUSED -> message.setText(WRONG);
                case TOO_MANY_TRIES -> message.setText(THROTTLED);
                case UNREACHABLE -> message.setText(OFFLINE);
            }
            password.requestFocus();
        }));
    }
}
