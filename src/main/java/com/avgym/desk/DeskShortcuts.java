package com.avgym.desk;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * The desk's keyboard shortcuts, one list for the key handling and for the Help dialog: F2 scanner field, F3
 * member search, Ctrl+1/2/3 the tabs, Esc clears the result. Active only while the desk (not sign-in) is shown.
 */
final class DeskShortcuts {
    /** A key and what it does, as the Help dialog lists it. */
    record Shortcut(String keys, String does) {
    }

    static final List<Shortcut> ALL = List.of(
            new Shortcut("F2", "Scanner field (Check-in tab)"),
            new Shortcut("F3", "Member search (Check-in tab)"),
            new Shortcut("Ctrl+1", "Check-in tab"),
            new Shortcut("Ctrl+2", "Dashboard tab"),
            new Shortcut("Ctrl+3", "History tab"),
            new Shortcut("Esc", "Clear the scan result"));

    /** What the shortcuts act on. */
    interface Actions {
        void focusScanner();

        void focusSearch();

        void showTab(int index);

        void clearResult();
    }

    private DeskShortcuts() {
    }

    static void install(Scene scene, BooleanSupplier deskShown, Actions actions) {
        add(scene, deskShown, new KeyCodeCombination(KeyCode.F2), actions::focusScanner);
        add(scene, deskShown, new KeyCodeCombination(KeyCode.F3), actions::focusSearch);
        IntConsumer tab = actions::showTab;
        List<KeyCode> digits = List.of(KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3);
        for (int i = 0; i < digits.size(); i++) {
            int index = i;
            add(scene, deskShown, new KeyCodeCombination(digits.get(i), KeyCombination.SHORTCUT_DOWN), () -> tab.accept(index));
        }
        // A filter, not an accelerator, and never consumed: the focused control (a text field, a combo box) still
        // gets its Esc; popups are windows of their own and keep theirs.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && deskShown.getAsBoolean()) {
                actions.clearResult();
            }
        });
    }

    private static void add(Scene scene, BooleanSupplier deskShown, KeyCombination keys, Runnable action) {
        scene.getAccelerators().put(keys, () -> {
            if (deskShown.getAsBoolean()) {
                action.run();
            }
        });
    }

    /** The Help menu's dialog: the same list the keys are bound from. */
    static void showDialog(Window owner) {
        GridPane grid = new GridPane();
        grid.setId("shortcuts-list");
        grid.setHgap(16);
        grid.setVgap(6);
        for (int i = 0; i < ALL.size(); i++) {
            Label keys = new Label(ALL.get(i).keys());
            keys.getStyleClass().add("shortcut-keys");
            grid.addRow(i, keys, new Label(ALL.get(i).does()));
        }
        Alert dialog = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        dialog.initOwner(owner);
        dialog.setTitle("Keyboard shortcuts");
        dialog.setHeaderText("Keyboard shortcuts");
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().setId("shortcuts-dialog");
        dialog.show();
    }
}
