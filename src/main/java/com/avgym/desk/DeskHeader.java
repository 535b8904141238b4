package com.avgym.desk;

import com.avgym.protocol.message.UserView;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The bar above the tabs: who is signed in and with which role, Help (keyboard shortcuts) and Sign out. */
final class DeskHeader {
    private final HBox root = new HBox(10);
    private final Label user = new Label();

    DeskHeader(Runnable showShortcuts, Runnable signOut) {
        Label app = new Label("AV-Gym Desk");
        app.getStyleClass().add("header-title");
        user.setId("signed-in-user");
        user.getStyleClass().add("header-user");
        MenuItem shortcuts = new MenuItem("Keyboard shortcuts");
        shortcuts.setId("help-shortcuts");
        shortcuts.setOnAction(e -> showShortcuts.run());
        MenuButton help = new MenuButton("Help", null, shortcuts);
        help.setId("help-menu");
        help.setFocusTraversable(false);
        Button out = new Button("Sign out");
        out.setId("sign-out");
        out.setFocusTraversable(false);
        out.setOnAction(e -> signOut.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        root.getChildren().addAll(app, spacer, user, help, out);
        root.setAlignment(Pos.CENTER_LEFT);
        root.setPadding(new Insets(4, 12, 4, 12));
        root.getStyleClass().add("desk-header");
        root.setId("desk-header");
    }

    Node root() {
        return root;
    }

    /** "Front Desk (desk), staff". */
    void signedIn(UserView u) {
        user.setText(u == null ? "" : "%s (%s), %s".formatted(u.fullName(), u.username(), u.role().toLowerCase(Locale.ROOT)));
    }
}
