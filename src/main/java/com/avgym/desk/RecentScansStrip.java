package com.avgym.desk;

import com.avgym.desk.viewmodel.RecentScans;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/** The check-in tab's strip of this desk's last 10 scans (time, member, result), newest on top. */
final class RecentScansStrip {
    private final VBox root = new VBox(4);
    private final TableView<RecentScans.Entry> table = new TableView<>();
    private final RecentScans scans;
    private final Consumer<List<RecentScans.Entry>> renderer = this::show;

    RecentScansStrip(RecentScans scans) {
        this.scans = scans;
        Label title = new Label("Last scans");
        title.getStyleClass().add("subtitle");
        table.setId("recent-scans");
        table.setPlaceholder(new Label("No scans yet"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Time", RecentScans.Entry::time, 60));
        table.getColumns().add(column("Member", RecentScans.Entry::name, 150));
        table.getColumns().add(column("Result", RecentScans.Entry::result, 220));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(RecentScans.Entry e, boolean empty) {
                super.updateItem(e, empty);
                getStyleClass().removeAll("scan-row-success", "scan-row-error", "scan-row-queued");
                if (!empty && e != null) {
                    switch (e.status()) {
                        case SUCCESS -> getStyleClass().add("scan-row-success");
                        case ERROR -> getStyleClass().add("scan-row-error");
                        case QUEUED -> getStyleClass().add("scan-row-queued");
                        default -> { }
                    }
                }
            }
        });
        // Beside the member card it takes the height left below the result panel: ten rows at 768 px.
        table.setPrefHeight(300);
        table.setMinHeight(90);
        VBox.setVgrow(table, javafx.scene.layout.Priority.ALWAYS);
        root.getChildren().addAll(title, table);
        scans.addListener(renderer);
        show(scans.entries());
    }

    Node root() {
        return root;
    }

    void dispose() {
        scans.removeListener(renderer);
    }

    private void show(List<RecentScans.Entry> entries) {
        table.getItems().setAll(entries);
    }

    private static TableColumn<RecentScans.Entry, String> column(String title, Function<RecentScans.Entry, String> value,
                                                             double width) {
        TableColumn<RecentScans.Entry, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
            }
        });
        c.setPrefWidth(width);
        c.setMinWidth(HistoryTable.headerWidth(title));
        c.setSortable(false);
        return c;
    }
}
