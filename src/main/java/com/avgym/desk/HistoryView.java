package com.avgym.desk;

import com.avgym.client.HistoryQuery;
import com.avgym.desk.viewmodel.HistoryFilter;
import com.avgym.desk.viewmodel.HistoryViewModel;
import com.avgym.desk.viewmodel.PhotoLoader;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The history screen, bound to {@link HistoryViewModel}: filters on top, the table, paging below. Its controls
 * start from the view-model's filters, so a rebuilt view shows what the old one did.
 */
final class HistoryView implements DeskView {
    private final VBox root = new VBox(10);
    private final HistoryTable table;
    private final Label error = new Label();
    private final Label action = new Label();
    private final Label pageText = new Label();
    private final Button previous = new Button("Previous");
    private final Button next = new Button("Next");
    private final HistoryViewModel vm;
    private final Runnable renderer = this::render;
    private final ObservableValue<Boolean> shown;
    private final ChangeListener<Boolean> onShown = (o, was, now) -> render();

    HistoryView(HistoryViewModel vm, PhotoLoader photos) {
        this.vm = vm;
        this.table = new HistoryTable(vm::checkOut, photos);
        Label heading = new Label("Visit history");
        heading.getStyleClass().add("title");
        error.setId("history-error");
        error.getStyleClass().add("inline-error");
        error.setWrapText(true);
        action.setId("history-action");
        action.getStyleClass().add("scan-result");
        pageText.setId("history-page");
        previous.setId("history-prev");
        next.setId("history-next");
        previous.setOnAction(e -> vm.previous());
        next.setOnAction(e -> vm.next());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox paging = new HBox(10, spacer, previous, pageText, next);
        paging.setAlignment(Pos.CENTER_RIGHT);
        VBox.setVgrow(table.node(), Priority.ALWAYS);

        root.getChildren().addAll(heading, filters(vm.filter()), error, action, table.node(), paging);
        root.setPadding(new Insets(24));
        vm.addListener(renderer);
        // Live rows arrive while staff are on the check-in tab; building table cells then would take the UI
        // thread from the scan being answered, so a hidden history catches up when it is shown.
        shown = Nodes.shown(root);
        shown.addListener(onShown);
        render();
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void dispose() {
        vm.removeListener(renderer);
        shown.removeListener(onShown);
    }

    private HBox filters(HistoryFilter current) {
        ToggleGroup status = new ToggleGroup();
        HBox toggles = new HBox(0,
                toggle("In", HistoryQuery.Status.IN, status, current),
                toggle("Out", HistoryQuery.Status.OUT, status, current),
                toggle("All", HistoryQuery.Status.ALL, status, current));
        toggles.getStyleClass().add("segmented");
        // One of the three is always chosen: clicking the chosen one again keeps it.
        status.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                status.selectToggle(was);
            } else {
                vm.setStatus((HistoryQuery.Status) now.getUserData());
            }
        });
        DatePicker from = datePicker("history-from", "From");
        from.setValue(current.from());
        from.valueProperty().addListener((o, was, now) -> vm.setFrom(now));
        DatePicker to = datePicker("history-to", "To");
        to.setValue(current.to());
        to.valueProperty().addListener((o, was, now) -> vm.setTo(now));
        TextField search = new TextField(current.search());
        search.setId("history-search");
        search.setPromptText("Search name or number");
        HBox.setHgrow(search, Priority.ALWAYS);
        search.textProperty().addListener((o, was, now) -> vm.setSearch(now));
        Button refresh = new Button("Refresh");
        refresh.setId("history-refresh");
        refresh.setOnAction(e -> vm.reload());
        HBox bar = new HBox(10, toggles, from, to, search, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static ToggleButton toggle(String text, HistoryQuery.Status value, ToggleGroup group, HistoryFilter current) {
        ToggleButton b = new ToggleButton(text);
        b.setId("history-" + text.toLowerCase(java.util.Locale.ROOT));
        b.setUserData(value);
        b.setToggleGroup(group);
        b.setSelected(current.status() == value);
        return b;
    }

    private static DatePicker datePicker(String id, String prompt) {
        DatePicker p = new DatePicker();
        p.setId(id);
        p.setPromptText(prompt);
        p.setPrefWidth(140);
        p.setShowWeekNumbers(false);
        return p;
    }

    private void render() {
        if (!shown.getValue()) {
            return;
        }
        table.show(vm.rows());
        error.setText(vm.error());
        Nodes.show(error, !vm.error().isEmpty());
        ResultStyles.show(action, vm.actionResult());
        Nodes.show(action, !vm.actionResult().text().isEmpty());
        pageText.setText(vm.pageText());
        previous.setDisable(!vm.canPrevious());
        next.setDisable(!vm.canNext());
    }
}
