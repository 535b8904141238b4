package com.avgym.desk;

import com.avgym.client.ConnectionService;
import com.avgym.desk.viewmodel.SignInErrorText;
import java.util.Arrays;
import java.util.function.Consumer;
import com.avgym.protocol.message.UserView;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sign-in window's content. Sign-in runs on the service's REST thread; the answer comes back with
 * runLater. The password is handed over as a char[] and wiped afterwards; it is never logged.
 */
final class SignInView {
    private static final Logger log = LoggerFactory.getLogger(SignInView.class);

    private final VBox root = new VBox(10);
    private final TextField username = new TextField();
    private final PasswordField password = new PasswordField();
    private final Button signIn = new Button("Sign in");
    private final Label error = new Label();
    private final Label waiting = new Label();

    SignInView(DeskContext context, Consumer<UserView> onSignedIn) {
        this(context, "AV-Gym Desk", "desk", onSignedIn);
    }

    /** The kiosk's device sign-in: its own title and the device account's name filled in. */
    SignInView(DeskContext context, String heading, String defaultUsername, Consumer<UserView> onSignedIn) {
        ConnectionService service = context.service();
        username.setText(defaultUsername);
        Label title = new Label(heading);
        title.getStyleClass().add("title");
        Label server = new Label((context.embeddedServer() ? "Built-in server at " : "Server: ") + context.server());
        server.getStyleClass().add("muted");
        username.setId("username");
        username.setPromptText("Username");
        password.setId("password");
        password.setPromptText("Password");
        signIn.setId("sign-in");
        signIn.setDefaultButton(true);
        error.setId("sign-in-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        waiting.setId("waiting-scans");
        waiting.getStyleClass().add("waiting-scans");
        waiting.setWrapText(true);
        Nodes.show(waiting, false);
        root.getChildren().addAll(title, server, username, password, signIn, error, waiting);
        if (context.embeddedServer()) {
            Label starting = new Label("Starting the built-in server...");
            starting.setId("backend-status");
            starting.getStyleClass().add("muted");
            root.getChildren().add(2, starting);
            context.backend().whenComplete((demoPassword, failure) -> Platform.runLater(() -> {
                root.getChildren().remove(starting);
                if (failure != null) {
                    log.error("the built-in server did not start", failure);
                    error.setText("The built-in server could not start: " + rootCause(failure).getMessage()
                            + ". Close the app and see the log.");
                } else if (demoPassword != null) {
                    showDemoPassword(demoPassword);
                }
            }));
        }
        root.setPadding(new Insets(24));
        root.setAlignment(Pos.CENTER_LEFT);
        root.setMaxWidth(420);
        root.getStyleClass().add("sign-in");

        signIn.setOnAction(e -> {
            String user = username.getText().trim();
            char[] pw = password.getText().toCharArray();
            if (user.isEmpty() || pw.length == 0) {
                error.setText("Enter username and password");
                return;
            }
            signIn.setDisable(true);
            error.setText("Signing in...");
            service.signIn(user, pw).whenComplete((tokens, failure) -> {
                Arrays.fill(pw, '\0');
                Platform.runLater(() -> {
                    signIn.setDisable(false);
                    if (failure != null) {
                        log.info("sign-in as {} failed: {}", user, failure.getClass().getSimpleName());
                        error.setText(SignInErrorText.of(failure));
                        return;
                    }
                    log.info("signed in as {}", user);
                    password.clear();
                    error.setText("");
                    onSignedIn.accept(tokens.user());
                });
            });
        });
    }

    /** Generated on the first run and stored only as a hash: this is the one time it can be shown. */
    private void showDemoPassword(String demoPassword) {
        Label demo = new Label("Demo users desk, admin, trainer and the kiosk device kiosk. Password (shown once): " + demoPassword);
        demo.setId("demo-password");
        demo.setWrapText(true);
        demo.getStyleClass().add("demo-password");
        root.getChildren().add(2, demo);
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A sign-in the caller turned down after the server accepted it (the kiosk takes only its device account). */
    void showError(String message) {
        error.setText(message);
        focus();
    }

    /** After a sign-out: the scans still queued on this desk go to the server after the next sign-in. */
    void showWaiting(int count) {
        waiting.setText(count == 0 ? "" : count == 1 ? "1 check-in is waiting: it syncs after the next sign-in."
                : count + " check-ins are waiting: they sync after the next sign-in.");
        Nodes.show(waiting, count > 0);
    }

    Parent root() {
        return root;
    }

    void focus() {
        (username.getText().isBlank() ? username : password).requestFocus();
    }
}
