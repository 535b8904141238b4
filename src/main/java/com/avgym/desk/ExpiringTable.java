package com.avgym.desk;

import com.avgym.desk.viewmodel.DashboardViewModel;
import com.avgym.desk.viewmodel.ExpiringRow;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Memberships ending within the week: name, number, plan, end date, days left. */
final class ExpiringTable {
    private final TableView<ExpiringRow> table = new TableView<>();

    ExpiringTable() {
        table.setId("expiring-table");
        table.setPlaceholder(new Label("No membership ends in the next " + DashboardViewModel.EXPIRING_DAYS + " days"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // Widths for a 1024 px window: the name gets the room, each column at least its header.
        table.getColumns().addAll(List.of(column("Member", ExpiringRow::memberName, 175),
                column("Number", ExpiringRow::membershipNumber, 75), column("Plan", ExpiringRow::plan, 80),
                column("Ends", ExpiringRow::endDate, 95), column("Left", ExpiringRow::daysLeft, 60)));
    }

    TableView<ExpiringRow> node() {
        return table;
    }

    void show(List<ExpiringRow> rows) {
        table.getItems().setAll(rows);
    }

    private static TableColumn<ExpiringRow, String> column(String title, Function<ExpiringRow, String> value, double width) {
        TableColumn<ExpiringRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setMinWidth(HistoryTable.headerWidth(title));
        return column;
    }
}
