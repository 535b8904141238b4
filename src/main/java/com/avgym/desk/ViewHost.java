package com.avgym.desk;

import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one screen and stands in for it when it breaks (the React error boundary's job): an error panel with
 * the reason and "Reload view", which throws the broken view away and builds a new one. The view-models and
 * the connection service live on, so a reload loses no scan and no live data.
 */
final class ViewHost {
    private static final Logger log = LoggerFactory.getLogger(ViewHost.class);

    private final String title;
    private final Supplier<DeskView> factory;
    private final StackPane root = new StackPane();
    private DeskView view;

    ViewHost(String title, Supplier<DeskView> factory) {
        this.title = title;
        this.factory = factory;
        load();
    }

    String title() {
        return title;
    }

    StackPane root() {
        return root;
    }

    /** Replaces the view with the error panel. Called on the UI thread after an uncaught exception. */
    void fail(Throwable error) {
        dispose();
        Label heading = new Label("Something went wrong on the " + title + " screen.");
        heading.getStyleClass().add("title");
        Label reason = new Label(describe(error));
        reason.getStyleClass().add("muted");
        reason.setWrapText(true);
        Label safe = new Label("Scans, queued check-ins and the connection are not affected.");
        Button reload = new Button("Reload view");
        reload.setId("reload-view");
        reload.setDefaultButton(true);
        reload.setOnAction(e -> load());
        VBox panel = new VBox(12, heading, reason, safe, reload);
        panel.setId("error-panel");
        panel.getStyleClass().add("error-panel");
        panel.setAlignment(Pos.CENTER);
        panel.setMaxWidth(520);
        root.getChildren().setAll(panel);
        reload.requestFocus();
    }

    boolean showsError() {
        return root.lookup("#error-panel") != null;
    }

    void dispose() {
        if (view != null) {
            view.dispose();
            view = null;
        }
    }

    private void load() {
        dispose();
        try {
            view = factory.get();
            root.getChildren().setAll(view.root());
        } catch (RuntimeException e) {
            log.error("the {} screen could not be built", title, e);
            fail(e);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
