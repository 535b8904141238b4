package com.avgym.desk;

import com.avgym.desk.viewmodel.HistoryRow;
import com.avgym.desk.viewmodel.HistoryRowText;
import com.avgym.desk.viewmodel.PhotoLoader;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * The history table: one row per visit, a Check out button on open visits and the same action in the row's
 * context menu. Rows are replaced wholesale on every change; the selection follows the visit, not the index.
 */
final class HistoryTable {
    private final TableView<HistoryRow> table = new TableView<>();
    static final double THUMBNAIL = 28;
    private final Consumer<String> checkOut;
    private final PhotoLoader photos;

    HistoryTable(Consumer<String> checkOut, PhotoLoader photos) {
        this.checkOut = checkOut;
        this.photos = photos;
        table.setId("history-table");
        table.setPlaceholder(new javafx.scene.control.Label("No visits"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // Widths that fit a 1024 px window; each column is at least as wide as its header.
        table.getColumns().add(photoColumn());
        table.getColumns().add(text("Member", HistoryRow::member, 170));
        table.getColumns().add(text("Number", HistoryRow::number, 80));
        table.getColumns().add(text("Checked in", HistoryRow::checkIn, 120));
        table.getColumns().add(text("Checked out", HistoryRow::checkOut, 100));
        table.getColumns().add(text("Duration", HistoryRow::duration, 85));
        table.getColumns().add(text("Location", HistoryRow::location, 100));
        table.getColumns().add(text("Note", HistoryRow::autoClosed, 110));
        table.getColumns().add(actionColumn());
        table.setRowFactory(t -> menuRow());
    }

    TableView<HistoryRow> node() {
        return table;
    }

    void show(List<HistoryRow> rows) {
        HistoryRow selected = table.getSelectionModel().getSelectedItem();
        table.getItems().setAll(rows);
        if (selected != null) {
            rows.stream().filter(r -> r.id().equals(selected.id())).findFirst()
                    .ifPresent(r -> table.getSelectionModel().select(r));
        }
    }

    private static TableColumn<HistoryRow, String> text(String title, Function<HistoryRow, String> value, double width) {
        TableColumn<HistoryRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(headerWidth(title));
        c.setSortable(false);
        return c;
    }

    /** The header's text plus the header's padding and the sort-arrow gap. */
    static double headerWidth(String title) {
        Text t = new Text(title);
        t.setFont(Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, Font.getDefault().getSize()));
        return Math.ceil(t.getLayoutBounds().getWidth()) + 24;
    }

    private TableColumn<HistoryRow, HistoryRow> photoColumn() {
        TableColumn<HistoryRow, HistoryRow> c = new TableColumn<>("Photo");
        c.setId("history-photo-column");
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        c.setSortable(false);
        c.setMinWidth(Math.max(THUMBNAIL + 12, headerWidth("Photo")));
        c.setPrefWidth(c.getMinWidth());
        c.setMaxWidth(c.getMinWidth());
        c.setCellFactory(col -> new TableCell<>() {
            private final MemberPhotoView photo = new MemberPhotoView(photos, THUMBNAIL);

            {
                photo.root().getStyleClass().add("history-photo");
            }

            @Override
            protected void updateItem(HistoryRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    photo.show(null);
                    setGraphic(null);
                    return;
                }
                photo.show(row.memberId());
                setGraphic(photo.root());
            }
        });
        return c;
    }

    private TableColumn<HistoryRow, HistoryRow> actionColumn() {
        TableColumn<HistoryRow, HistoryRow> c = new TableColumn<>("Action");
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        c.setSortable(false);
        c.setPrefWidth(120);
        c.setMinWidth(Math.max(headerWidth("Action"), 110));
        c.setCellFactory(col -> new TableCell<>() {
            private final Button button = new Button();

            {
                button.getStyleClass().add("row-check-out");
                button.setOnAction(e -> checkOut.accept(getItem().id()));
            }

            @Override
            protected void updateItem(HistoryRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null || !row.open()) {
                    setGraphic(null);
                    return;
                }
                button.setText(row.pending() ? "Checking out..." : "Check out");
                button.setDisable(row.pending());
                setGraphic(button);
            }
        });
        return c;
    }

    private TableRow<HistoryRow> menuRow() {
        TableRow<HistoryRow> row = new TableRow<>();
        MenuItem item = new MenuItem("Check out");
        item.setOnAction(e -> checkOut.accept(row.getItem().id()));
        ContextMenu menu = new ContextMenu(item);
        row.itemProperty().addListener((o, was, now) -> {
            boolean offer = now != null && now.open() && !now.pending();
            row.setContextMenu(offer ? menu : null);
            Nodes.styleIf(row, "visit-open", now != null && now.open());
            Nodes.styleIf(row, "visit-overridden", now != null && now.autoClosed().contains(HistoryRowText.LET_IN));
            Nodes.styleIf(row, "visit-needs-review", now != null && now.review() != null);
            row.setTooltip(now != null && now.review() != null ? new Tooltip(now.review()) : null);
        });
        return row;
    }
}
