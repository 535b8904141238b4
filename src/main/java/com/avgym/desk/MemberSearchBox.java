package com.avgym.desk;

import com.avgym.desk.viewmodel.MemberSearchViewModel;
import com.avgym.protocol.message.MemberView;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;

/**
 * The search field with its suggestion list right below it. The list is part of the layout rather than a popup
 * so keyboard users reach it with Down and the scanner's window-level filter sees ordinary nodes.
 */
final class MemberSearchBox {
    private static final double ROW_HEIGHT = 30;
    private static final int VISIBLE_ROWS = 6;

    private final VBox root = new VBox(6);
    private final TextField field = new TextField();
    private final ListView<MemberView> list = new ListView<>();
    private final Label status = new Label();
    private final MemberSearchViewModel vm;
    private final Runnable renderer = this::render;

    MemberSearchBox(MemberSearchViewModel vm) {
        this.vm = vm;
        field.setId("member-search");
        field.setPromptText("Search by name or number");
        list.setId("member-suggestions");
        list.getStyleClass().add("suggestions");
        list.setFixedCellSize(ROW_HEIGHT);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(MemberView m, boolean empty) {
                super.updateItem(m, empty);
                setText(empty || m == null ? null : MemberSearchViewModel.label(m));
            }
        });
        status.setId("member-search-status");
        status.getStyleClass().add("muted");

        field.textProperty().addListener((o, was, now) -> vm.setQuery(now));
        field.setOnAction(e -> vm.submit());
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN && !list.getItems().isEmpty()) {
                list.requestFocus();
                list.getSelectionModel().selectFirst();
                e.consume();
            }
        });
        list.setOnMouseClicked(e -> pickSelected());
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                pickSelected();
                e.consume();
            }
        });
        vm.addListener(renderer);
        root.getChildren().addAll(field, list, status);
        root.setMinWidth(320);
        root.setPrefWidth(360);
        render();
    }

    Parent root() {
        return root;
    }

    void dispose() {
        vm.removeListener(renderer);
    }

    private void pickSelected() {
        MemberView m = list.getSelectionModel().getSelectedItem();
        if (m != null) {
            vm.pick(m);
            field.requestFocus();
        }
    }

    private void render() {
        list.getItems().setAll(vm.suggestions());
        boolean any = !vm.suggestions().isEmpty();
        Nodes.show(list, any);
        list.setPrefHeight(Math.min(vm.suggestions().size(), VISIBLE_ROWS) * ROW_HEIGHT + 2);
        status.setText(vm.status());
        Nodes.show(status, !vm.status().isEmpty());
    }
}
