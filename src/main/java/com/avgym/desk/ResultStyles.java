package com.avgym.desk;

import com.avgym.desk.viewmodel.ScanResult;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;

/** Shows a {@link ScanResult} on a label: its text and one result-* style class (colours in desk.css). */
final class ResultStyles {
    private static final List<String> CLASSES = Arrays.stream(ScanResult.Status.values())
            .map(ResultStyles::styleClass).toList();

    private ResultStyles() {
    }

    static void show(Label label, ScanResult r) {
        label.setText(r.text());
        label.getStyleClass().removeAll(CLASSES);
        label.getStyleClass().add(styleClass(r.status()));
    }

    private static String styleClass(ScanResult.Status status) {
        return "result-" + status.name().toLowerCase(Locale.ROOT);
    }
}
