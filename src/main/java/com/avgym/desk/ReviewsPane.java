package com.avgym.desk;

import com.avgym.desk.viewmodel.ReviewList;
import com.avgym.desk.viewmodel.ReviewRow;
import com.avgym.desk.viewmodel.ReviewsViewModel;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The dashboard's "Needs review (N)" panel, a view of {@link ReviewsViewModel}: one line per open item with
 * Acknowledge (which opens {@link AcknowledgeDialog}), the count in the heading, a Refresh button and the last
 * error. The view-model outlives this pane; {@link #dispose()} stops listening.
 */
final class ReviewsPane {
    private final VBox root = new VBox(8);
    private final Label heading = new Label();
    private final Label error = new Label();
    private final ListView<ReviewRow> list = new ListView<>();
    private final Label empty = new Label("Nothing to review");
    private final ReviewsViewModel vm;
    private final Consumer<ReviewList> listener = this::show;

    ReviewsPane(ReviewsViewModel vm) {
        this.vm = vm;
        root.setId("needs-review");
        root.getStyleClass().add("dashboard-panel");
        heading.setId("needs-review-heading");
        heading.getStyleClass().add("section-title");
        Button refresh = new Button("Refresh");
        refresh.setId("needs-review-refresh");
        refresh.setOnAction(e -> vm.refresh());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, heading, spacer, refresh);
        top.setAlignment(Pos.CENTER_LEFT);
        error.setId("needs-review-error");
        error.getStyleClass().addAll("error-text", "load-error");
        error.setWrapText(true);
        list.setId("needs-review-list");
        list.setCellFactory(l -> new ReviewCell());
        // About three items, then it scrolls: recent activity below keeps the rest of the column.
        list.setPrefHeight(270);
        list.setMinHeight(200);
        empty.setId("needs-review-empty");
        empty.getStyleClass().add("muted");
        root.getChildren().addAll(top, error, empty, list);
        vm.addListener(listener);
        show(vm.list());
    }

    Parent root() {
        return root;
    }

    void dispose() {
        vm.removeListener(listener);
    }

    private void show(ReviewList l) {
        heading.setText(l.heading());
        Nodes.styleIf(heading, "needs-review-open", l.count() > 0);
        error.setText(l.error() == null ? "" : l.error());
        Nodes.show(error, l.error() != null);
        list.getItems().setAll(l.rows());
        // Nothing open: one quiet line, not an empty box.
        Nodes.show(empty, l.count() == 0);
        Nodes.show(list, l.count() > 0);
    }

    /** Time, member and location on one line; what happened below; the row's error, if any; Acknowledge at the end. */
    private final class ReviewCell extends ListCell<ReviewRow> {
        private final Label where = new Label();
        private final Label what = new Label();
        private final Label failed = new Label();
        private final Button acknowledge = new Button("Acknowledge");
        private final HBox box;

        ReviewCell() {
            setPrefWidth(0);
            where.setWrapText(true);
            what.setWrapText(true);
            what.getStyleClass().add("review-what");
            failed.setWrapText(true);
            failed.getStyleClass().add("error-text");
            acknowledge.getStyleClass().add("review-acknowledge");
            // The words wrap; the button never shrinks to "A...".
            acknowledge.setMinWidth(Region.USE_PREF_SIZE);
            acknowledge.setOnAction(e -> AcknowledgeDialog.show(acknowledge, getItem(), vm));
            VBox words = new VBox(2, where, what, failed);
            HBox.setHgrow(words, Priority.ALWAYS);
            words.setMinWidth(0);
            box = new HBox(8, words, acknowledge);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(ReviewRow row, boolean empty) {
            super.updateItem(row, empty);
            setText(null);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            where.setText(row.time() + "  " + row.member() + (row.location().isEmpty() ? "" : "  ·  " + row.location()));
            what.setText(row.what());
            failed.setText(row.error() == null ? "" : row.error());
            Nodes.show(failed, row.error() != null);
            acknowledge.setId("acknowledge-" + row.id());
            acknowledge.setText(row.acknowledging() ? "Acknowledging..." : "Acknowledge");
            acknowledge.setDisable(row.acknowledging());
            setGraphic(box);
        }
    }
}
