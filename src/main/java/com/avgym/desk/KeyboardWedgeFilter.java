package com.avgym.desk;

import com.avgym.desk.viewmodel.ScannerBuffer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * Catches barcode scans wherever the focus is: a window-level event filter feeds every typed character to
 * {@link ScannerBuffer} and, when Enter ends a scan, swallows the Enter and takes the scanned characters back
 * out of whatever text field received them, so a scan into the search box does not leave the code behind.
 * JavaFX key events carry no timestamp, so the dispatch time stands in for it (see {@link ScannerBuffer} for
 * what that means while the UI thread is busy).
 */
final class KeyboardWedgeFilter {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(KeyboardWedgeFilter.class);
    private final ScannerBuffer buffer = new ScannerBuffer();
    private final Scene scene;
    private final BooleanSupplier active;
    private final Consumer<String> onScan;
    private final LongSupplier nanoClock;

    private KeyboardWedgeFilter(Scene scene, BooleanSupplier active, Consumer<String> onScan, LongSupplier nanoClock) {
        this.scene = scene;
        this.active = active;
        this.onScan = onScan;
        this.nanoClock = nanoClock;
    }

    /**
     * {@code active} says whether scans are wanted now. While it is false the filter stays out of the way
     * entirely: a password typed by a password manager is as fast as a scanner, and must neither be taken
     * back out of its field nor lose its Enter.
     */
    static void install(Scene scene, BooleanSupplier active, Consumer<String> onScan) {
        install(scene, active, onScan, System::nanoTime);
    }

    /** As above, timed by {@code nanoClock} (tests pass a fake one). */
    static void install(Scene scene, BooleanSupplier active, Consumer<String> onScan, LongSupplier nanoClock) {
        KeyboardWedgeFilter filter = new KeyboardWedgeFilter(scene, active, onScan, nanoClock);
        scene.addEventFilter(KeyEvent.KEY_TYPED, filter::typed);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, filter::pressed);
    }

    private void typed(KeyEvent e) {
        if (!active.getAsBoolean()) {
            return;
        }
        String c = e.getCharacter();
        if (c.length() == 1 && c.charAt(0) != '\r' && c.charAt(0) != '\n') {
            buffer.key(c.charAt(0), nanoClock.getAsLong());
        }
    }

    private void pressed(KeyEvent e) {
        if (!active.getAsBoolean()) {
            buffer.reset();
            return;
        }
        if (e.getCode() == KeyCode.ENTER) {
            Node focused = scene.getFocusOwner();
            TextInputControl field = focused instanceof TextInputControl t && t.isEditable() ? t : null;
            ScannerBuffer.Verdict v = buffer.enter(nanoClock.getAsLong(), field != null);
            log.debug("Enter: {} ({} characters, focus on {})", v.kind(), v.code() == null ? 0 : v.code().length(),
                    focused == null ? "nothing" : focused.getClass().getSimpleName());
            if (v.kind() == ScannerBuffer.Kind.TYPING) {
                return;
            }
            e.consume();
            if (field != null) {
                takeBack(field, v.code());
            }
            v.scan().ifPresent(onScan);
        } else if (e.getCode().isNavigationKey() || e.getCode() == KeyCode.TAB || e.getCode() == KeyCode.ESCAPE) {
            buffer.reset();
        }
    }

    /** Removes the scanned code from the end of the focused text field, where the scanner "typed" it. */
    private static void takeBack(TextInputControl field, String code) {
        if (field.getText().endsWith(code)) {
            field.setText(field.getText().substring(0, field.getText().length() - code.length()));
            field.positionCaret(field.getText().length());
        }
    }
}
