package com.avgym.desk;

import com.avgym.client.ConnectionService;
import com.avgym.client.QueuedCommand;
import com.avgym.desk.viewmodel.BannerAction;
import com.avgym.desk.viewmodel.BannerSeverity;
import com.avgym.desk.viewmodel.BannerView;
import com.avgym.desk.viewmodel.BannerViewModel;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The connection banner at the top of every screen: a view of {@link BannerViewModel} and nothing more, so
 * it shows exactly what the snapshot says. Details (error type, codes, times) and the list of queued scans
 * fold out below the bar.
 */
final class BannerBar {
    private static final List<String> SEVERITY_CLASSES = List.of("banner-ok", "banner-info", "banner-warning", "banner-error");

    private final VBox root = new VBox();
    private final HBox bar = new HBox(10);
    private final Label text = new Label();
    private final Button action = new Button();
    private final ToggleButton detailsToggle = new ToggleButton("Details");
    private final Label details = new Label();
    private final Label pendingList = new Label();
    private final ConnectionService service;
    private final Runnable onSignIn;
    private BannerAction currentAction = BannerAction.NONE;

    BannerBar(BannerViewModel vm, ConnectionService service, Runnable onSignIn) {
        this.service = service;
        this.onSignIn = onSignIn;
        text.setId("banner-text");
        action.setId("banner-action");
        detailsToggle.setId("banner-details-toggle");
        details.setId("banner-details");
        pendingList.setId("banner-pending");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        bar.getChildren().addAll(text, spacer, action, detailsToggle);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 12, 6, 12));
        details.getStyleClass().add("banner-details");
        details.setPadding(new Insets(4, 12, 8, 12));
        pendingList.getStyleClass().add("banner-details");
        pendingList.setPadding(new Insets(0, 12, 8, 12));
        root.getChildren().addAll(bar);
        root.getStyleClass().add("banner");
        action.setOnAction(e -> act());
        detailsToggle.selectedProperty().addListener((o, was, now) -> render(vm.view()));
        vm.addListener(this::render);
        render(vm.view());
    }

    Parent root() {
        return root;
    }

    private void act() {
        switch (currentAction) {
            // retryNow() both skips a RECONNECTING wait and tries the socket again from BACKUP/OFFLINE.
            case RETRY_NOW, TRY_REAL_TIME -> service.retryNow();
            case SIGN_IN -> onSignIn.run();
            case NONE -> {
            }
        }
    }

    private void render(BannerView v) {
        Nodes.show(root, v.visible());
        text.setText(v.text());
        root.getStyleClass().removeAll(SEVERITY_CLASSES);
        root.getStyleClass().add(switch (v.severity()) {
            case OK -> "banner-ok";
            case INFO -> "banner-info";
            case WARNING -> "banner-warning";
            case ERROR -> "banner-error";
        });
        // LIVE is a small chip: the bar does not shout when all is well.
        text.getStyleClass().remove("live-chip");
        if (v.compact() && v.severity() == BannerSeverity.OK) {
            text.getStyleClass().add("live-chip");
        }
        currentAction = v.action();
        action.setText(v.action().label());
        Nodes.show(action, v.action() != BannerAction.NONE);
        details.setText(String.join("\n", v.details()));
        boolean open = detailsToggle.isSelected();
        setShown(details, open);
        setShown(pendingList, v.showPendingList());
        if (v.showPendingList()) {
            // The queue lives on the service thread; ask for it and fill the list when it answers.
            service.pendingScans().thenAccept(list -> Platform.runLater(() -> pendingList.setText(describe(list))));
        }
    }

    private void setShown(Label part, boolean shown) {
        if (shown && !root.getChildren().contains(part)) {
            root.getChildren().add(part == details ? 1 : root.getChildren().size(), part);
        } else if (!shown) {
            root.getChildren().remove(part);
        }
    }

    private static String describe(List<QueuedCommand> scans) {
        StringBuilder sb = new StringBuilder("Waiting to sync:");
        for (QueuedCommand q : scans) {
            sb.append("\n  ").append(q.isCheckIn() ? "Check-in " : "Check-out ").append(q.label());
        }
        return sb.toString();
    }
}
