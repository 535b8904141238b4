package com.avgym.desk;

import com.avgym.desk.viewmodel.ScannerBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javafx.event.EventTarget;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * Catches barcode scans wherever the focus is: a window-level event filter feeds every typed character to
 * {@link ScannerBuffer} and, when Enter ends a scan, swallows the Enter (pressed, typed and released) and puts the
 * focused field back as it was before the scan's first key, so a scan into the search box or a date field
 * leaves nothing behind. JavaFX key events carry no timestamp, so the dispatch time stands in for it (see
 * {@link ScannerBuffer} for what that means while the UI thread is busy).
 *
 * <p>Only the key event the window delivered to the focus owner counts. A DatePicker, an editable ComboBox or a
 * Spinner has the focus itself but types into an inner TextField: its skin fires a copy of every key at that
 * field, and the copy passes this window-level filter again ("M0029" read as "MM00002299").
 */
final class KeyboardWedgeFilter {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(KeyboardWedgeFilter.class);
    private static final String SCAN_FIELD = KeyboardWedgeFilter.class.getName() + ".scanField";
    /** As many as the buffer keeps: enough to undo any burst it can report. */
    private static final int SNAPSHOTS = 64;

    private final ScannerBuffer buffer = new ScannerBuffer();
    /** The focused field as it was before each key the buffer holds, newest first. */
    private final ArrayDeque<Snapshot> before = new ArrayDeque<>();
    private final Scene scene;
    private final BooleanSupplier active;
    private final Consumer<String> onScan;
    private final LongSupplier nanoClock;
    /** A scan's Enter was swallowed: its typed character and its release are swallowed too. */
    private boolean swallowingEnter;

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
        scene.addEventFilter(KeyEvent.KEY_RELEASED, filter::released);
    }

    /**
     * Marks the field whose text is nothing but a membership number: Enter there is a scan of its whole text,
     * however the keys were timed (see {@link ScannerBuffer#enterWhole}).
     */
    static void markScannerField(TextField field) {
        field.getProperties().put(SCAN_FIELD, Boolean.TRUE);
    }

    private void typed(KeyEvent e) {
        if (!active.getAsBoolean() || !fromTheWindow(e)) {
            return;
        }
        String c = e.getCharacter();
        if (swallowingEnter && ("\r".equals(c) || "\n".equals(c))) {
            e.consume();
            return;
        }
        if (c.length() == 1) {
            TextInputControl field = editorOf(scene.getFocusOwner());
            if (buffer.key(c.charAt(0), nanoClock.getAsLong())) {
                if (before.size() == SNAPSHOTS) {
                    before.removeLast();
                }
                before.addFirst(field == null ? Snapshot.NONE : Snapshot.of(field));
            }
        }
    }

    private void pressed(KeyEvent e) {
        if (!active.getAsBoolean()) {
            buffer.reset();
            return;
        }
        if (!fromTheWindow(e)) {
            return;
        }
        swallowingEnter = false;
        if (e.getCode() == KeyCode.ENTER) {
            enter(e);
        } else if (e.getCode().isNavigationKey() || e.getCode() == KeyCode.TAB || e.getCode() == KeyCode.ESCAPE) {
            buffer.reset();
        }
    }

    private void released(KeyEvent e) {
        if (swallowingEnter && e.getCode() == KeyCode.ENTER) {
            // A DatePicker or ComboBox commits its editor's text on Enter's release, not on the press.
            e.consume();
            swallowingEnter = false;
        }
    }

    private void enter(KeyEvent e) {
        Node focused = scene.getFocusOwner();
        TextInputControl field = editorOf(focused);
        long now = nanoClock.getAsLong();
        boolean scannerField = field != null && field.getProperties().containsKey(SCAN_FIELD);
        String gaps = log.isDebugEnabled() ? buffer.gaps(now) : "";
        ScannerBuffer.Verdict v = scannerField ? buffer.enterWhole(field.getText(), now) : buffer.enter(now, field != null);
        log.debug("Enter: {} {} ({} keys, focus on {}; gaps {} ms)", v.kind(), v.code() == null ? "" : v.code(), v.keys(),
                focused == null ? "nothing" : focused.getClass().getSimpleName(), gaps);
        Snapshot first = scannerField ? Snapshot.cleared(field) : nth(v.keys() - 1);
        before.clear();
        if (v.kind() == ScannerBuffer.Kind.TYPING) {
            return;
        }
        e.consume();
        swallowingEnter = true;
        first.restore();
        v.scan().ifPresent(onScan);
    }

    /** The snapshot taken before the {@code n}-th newest key (0: the last one). */
    private Snapshot nth(int n) {
        Iterator<Snapshot> it = before.iterator();
        for (int i = 0; i < n && it.hasNext(); i++) {
            it.next();
        }
        return n >= 0 && it.hasNext() ? it.next() : Snapshot.NONE;
    }

    /**
     * Whether the window delivered {@code e} to the focus owner (the scene itself when nothing has the focus),
     * rather than a control re-firing a copy at a node inside it.
     */
    private boolean fromTheWindow(KeyEvent e) {
        Node focused = scene.getFocusOwner();
        EventTarget target = e.getTarget();
        return target == (focused != null ? focused : scene);
    }

    /** The editable text field that keys typed on {@code focused} go into, or null. */
    private static TextInputControl editorOf(Node focused) {
        TextInputControl field = switch (focused) {
            case TextInputControl t -> t;
            case DatePicker p when p.isEditable() -> p.getEditor();
            case ComboBox<?> c when c.isEditable() -> c.getEditor();
            case Spinner<?> s when s.isEditable() -> s.getEditor();
            case null, default -> null;
        };
        return field != null && field.isEditable() ? field : null;
    }

    /** A field's text and selection before a key reached it. */
    private record Snapshot(TextInputControl field, String text, int anchor, int caret) {
        static final Snapshot NONE = new Snapshot(null, "", 0, 0);

        static Snapshot of(TextInputControl field) {
            return new Snapshot(field, field.getText(), field.getAnchor(), field.getCaretPosition());
        }

        static Snapshot cleared(TextInputControl field) {
            return new Snapshot(field, "", 0, 0);
        }

        /** Puts the field back, if it changed; nothing for keys that went into no field. */
        void restore() {
            if (field != null && !text.equals(field.getText())) {
                field.setText(text);
                field.selectRange(anchor, caret);
            }
        }
    }
}
