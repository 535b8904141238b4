package com.avgym.desk;

import com.avgym.desk.viewmodel.OverrideReasons;
import java.util.Locale;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;

/**
 * "Let in anyway": asks why (a short list, or "Other" with the reason typed in) and hands the member's number and
 * the reason on. Its OK button stays disabled until there is a reason, so nothing is sent without one. Shown
 * without a nested event loop: the answer arrives through the dialog's result.
 */
final class OverrideDialog {
    /** Opens the dialog for a member, from a node of the window it belongs to. */
    @FunctionalInterface
    interface Opener {
        void open(Node from, String membershipNumber, String memberName);
    }

    private OverrideDialog() {
    }

    /** An opener that sends the chosen reason to {@code letIn(number, reason)}. */
    static Opener sendingTo(BiConsumer<String, String> letIn) {
        return (from, number, memberName) -> show(from, number, memberName, letIn);
    }

    private static void show(Node from, String number, String memberName, BiConsumer<String, String> letIn) {
        Dialog<String> dialog = new Dialog<>();
        dialog.setTitle("Let in anyway");
        if (from.getScene() != null) {
            dialog.initOwner(from.getScene().getWindow());
        }
        dialog.getDialogPane().setId("override-dialog");
        ToggleGroup choices = new ToggleGroup();
        VBox content = new VBox(8);
        String who = memberName == null || memberName.isBlank() ? number : memberName + " (" + number + ")";
        content.getChildren().add(new Label("Why is " + who + " let in? The reason is recorded with the visit."));
        for (String choice : OverrideReasons.CHOICES) {
            RadioButton r = new RadioButton(choice);
            r.setId("reason-" + choice.toLowerCase(Locale.ROOT).replace(' ', '-'));
            r.setUserData(choice);
            r.setToggleGroup(choices);
            content.getChildren().add(r);
        }
        TextField other = new TextField();
        other.setId("reason-text");
        other.setPromptText("Reason (for Other)");
        other.disableProperty().bind(Bindings.createBooleanBinding(() -> !isOther(choices), choices.selectedToggleProperty()));
        content.getChildren().add(other);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("override-ok");
        ok.disableProperty().bind(Bindings.createBooleanBinding(() -> reason(choices, other) == null,
                choices.selectedToggleProperty(), other.textProperty()));
        dialog.getDialogPane().lookupButton(ButtonType.CANCEL).setId("override-cancel");
        dialog.setResultConverter(button -> button == ButtonType.OK ? reason(choices, other) : null);
        dialog.setOnHidden(e -> {
            if (dialog.getResult() != null) {
                letIn.accept(number, dialog.getResult());
            }
        });
        dialog.show();
    }

    private static boolean isOther(ToggleGroup choices) {
        return choices.getSelectedToggle() != null
                && OverrideReasons.OTHER.equals(choices.getSelectedToggle().getUserData());
    }

    private static String reason(ToggleGroup choices, TextField other) {
        Object choice = choices.getSelectedToggle() == null ? null : choices.getSelectedToggle().getUserData();
        return OverrideReasons.reason((String) choice, other.getText());
    }
}
