package com.avgym.desk;

import com.avgym.desk.viewmodel.ActivityRow;
import com.avgym.desk.viewmodel.DashboardListener;
import com.avgym.desk.viewmodel.DashboardViewModel;
import com.avgym.desk.viewmodel.ExpiringList;
import com.avgym.desk.viewmodel.HourlyChart;
import com.avgym.desk.viewmodel.ReviewsViewModel;
import com.avgym.desk.viewmodel.StatTiles;
import com.avgym.desk.viewmodel.Toast;
import java.util.List;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The dashboard screen: a view of {@link DashboardViewModel} (tiles, chart, recent activity, expiring
 * memberships, toasts) and of {@link ReviewsViewModel} (the "Needs review (N)" panel). Its timeline gives the view-model its clock ticks while the screen exists.
 */
final class DashboardView implements DeskView {
    private final VBox root = new VBox(16);
    private final Label inGym = tileValue("tile-in-gym");
    private final Label today = tileValue("tile-today");
    private final Label averageStay = tileValue("tile-average-stay");
    private final ListView<ActivityRow> recent = new ListView<>();
    private final HourlyBarChart chart = new HourlyBarChart();
    private final Label hourlyError = errorLabel("hourly-error");
    private final ExpiringTable expiring = new ExpiringTable();
    private final Label expiringError = errorLabel("expiring-error");
    private final ToastPresenter toasts = new ToastPresenter(root);
    private final Timeline ticker;
    private final DashboardViewModel vm;
    private final ReviewsPane reviews;
    private final DashboardListener listener = new DashboardListener() {
        @Override
        public void tilesChanged(StatTiles tiles) {
            showTiles(tiles);
        }

        @Override
        public void recentChanged(List<ActivityRow> rows) {
            recent.getItems().setAll(rows);
        }

        @Override
        public void hourlyChanged(HourlyChart c) {
            showHourly(c);
        }

        @Override
        public void expiringChanged(ExpiringList list) {
            showExpiring(list);
        }

        @Override
        public void toast(Toast toast) {
            toasts.show(toast);
        }
    };

    DashboardView(DashboardViewModel vm, ReviewsViewModel reviewsVm) {
        this.vm = vm;
        this.reviews = new ReviewsPane(reviewsVm);
        root.setId("dashboard");
        root.getStyleClass().add("dashboard");
        root.setPadding(new Insets(20, 24, 20, 24));
        Label heading = new Label("Dashboard");
        heading.getStyleClass().add("title");
        HBox tiles = new HBox(16, tile(inGym, "In the gym now"), tile(today, "Today's check-ins"),
                tile(averageStay, "Average stay"));

        recent.setId("recent-activity");
        recent.setPlaceholder(new Label("No check-ins yet"));
        recent.setCellFactory(list -> new ActivityCell());

        GridPane panels = new GridPane(16, 16);
        panels.add(section("Today's check-ins by hour", hourlyError, chart.node()), 0, 0);
        panels.add(section("Memberships ending within " + DashboardViewModel.EXPIRING_DAYS + " days", expiringError,
                expiring.node()), 0, 1);
        // Above recent activity: what staff must act on comes before what they may glance at.
        Node activity = section("Recent activity", null, recent);
        VBox.setVgrow(activity, Priority.ALWAYS);
        VBox side = new VBox(16, reviews.root(), activity);
        panels.add(side, 1, 0, 1, 2);
        ColumnConstraints wide = new ColumnConstraints();
        wide.setPercentWidth(60);
        ColumnConstraints narrow = new ColumnConstraints();
        narrow.setPercentWidth(40);
        panels.getColumnConstraints().addAll(wide, narrow);
        RowConstraints grows = new RowConstraints();
        grows.setVgrow(Priority.ALWAYS);
        panels.getRowConstraints().addAll(grows, grows);
        VBox.setVgrow(panels, Priority.ALWAYS);
        root.getChildren().addAll(heading, tiles, panels);

        showTiles(vm.tiles());
        recent.getItems().setAll(vm.recent());
        showHourly(vm.hourly());
        showExpiring(vm.expiring());
        vm.addListener(listener);
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
        ticker.play();
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void dispose() {
        ticker.stop();
        vm.removeListener(listener);
        reviews.dispose();
    }

    private void showTiles(StatTiles tiles) {
        inGym.setText(tiles.inGym());
        today.setText(tiles.todayCheckIns());
        averageStay.setText(tiles.averageStay());
    }

    private void showHourly(HourlyChart c) {
        chart.show(c);
        showError(hourlyError, c.error());
    }

    private void showExpiring(ExpiringList list) {
        expiring.show(list.rows());
        showError(expiringError, list.error());
    }

    private static void showError(Label label, String error) {
        label.setText(error == null ? "" : error);
        Nodes.show(label, error != null);
    }

    private static Label tileValue(String id) {
        Label value = new Label();
        value.setId(id);
        value.getStyleClass().add("tile-value");
        return value;
    }

    private static Node tile(Label value, String caption) {
        Label name = new Label(caption);
        name.getStyleClass().add("tile-caption");
        VBox tile = new VBox(4, name, value);
        tile.getStyleClass().add("stat-tile");
        tile.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(tile, Priority.ALWAYS);
        return tile;
    }

    private static Label errorLabel(String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().addAll("error-text", "load-error");
        label.setWrapText(true);
        return label;
    }

    private static Node section(String title, Label error, Node content) {
        Label heading = new Label(title);
        heading.getStyleClass().add("section-title");
        VBox box = new VBox(8, heading);
        if (error != null) {
            box.getChildren().add(error);
        }
        box.getChildren().add(content);
        box.getStyleClass().add("dashboard-panel");
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    /** A line of the activity list, green for a visit that is still open. */
    private static final class ActivityCell extends ListCell<ActivityRow> {
        ActivityCell() {
            // Wrap within the list's width (a narrow 1024 px window) instead of scrolling sideways.
            setWrapText(true);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(ActivityRow row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().removeAll("activity-in", "activity-out");
            if (empty || row == null) {
                setText(null);
                return;
            }
            setText(row.text());
            getStyleClass().add(row.checkedIn() ? "activity-in" : "activity-out");
        }
    }
}
