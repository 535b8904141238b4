package com.avgym.desk;

import com.avgym.desk.viewmodel.ReviewRow;
import com.avgym.desk.viewmodel.ReviewsViewModel;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;

/**
 * Acknowledge one review item: says what happened and asks for a note, which the server records with the item.
 * OK stays disabled while the note is blank. Opens with the note of a failed earlier try. Shown without a nested
 * event loop: the note goes to the view-model when the dialog closes with OK.
 */
final class AcknowledgeDialog {
    private AcknowledgeDialog() {
    }

    static void show(Node from, ReviewRow row, ReviewsViewModel vm) {
        Dialog<String> dialog = new Dialog<>();
        dialog.setTitle("Acknowledge");
        if (from.getScene() != null) {
            dialog.initOwner(from.getScene().getWindow());
        }
        dialog.getDialogPane().setId("acknowledge-dialog");
        Label what = new Label(row.member() + ", " + row.time() + (row.location().isEmpty() ? "" : " at " + row.location())
                + ":\n" + row.what());
        what.setWrapText(true);
        TextArea note = new TextArea(vm.note(row.id()));
        note.setId("acknowledge-note");
        note.setPromptText("What was done about it (required)");
        note.setPrefRowCount(3);
        note.setWrapText(true);
        dialog.getDialogPane().setContent(new VBox(8, what, new Label("Note"), note));
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("acknowledge-ok");
        ok.disableProperty().bind(Bindings.createBooleanBinding(() -> !ReviewsViewModel.acceptable(note.getText()),
                note.textProperty()));
        dialog.getDialogPane().lookupButton(ButtonType.CANCEL).setId("acknowledge-cancel");
        dialog.setResultConverter(button -> button == ButtonType.OK ? note.getText() : null);
        dialog.setOnShown(e -> note.requestFocus());
        dialog.setOnHidden(e -> {
            if (dialog.getResult() != null) {
                vm.acknowledge(row.id(), dialog.getResult());
            }
        });
        dialog.show();
    }
}
