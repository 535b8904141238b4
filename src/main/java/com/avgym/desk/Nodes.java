package com.avgym.desk;

import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;

/** Small node helpers the views share. */
final class Nodes {
    private Nodes() {
    }

    /** Shown and taking space, or hidden and taking none. */
    static void show(Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }

    /**
     * True while the node and all its ancestors are visible. A tab that is not selected has its content hidden
     * this way, so a view can leave costly updates (a table building its cells) until someone can see them.
     */
    static ObservableValue<Boolean> shown(Node node) {
        return node.visibleProperty().flatMap(visible -> visible
                ? node.parentProperty().flatMap(Nodes::shown).orElse(true)
                : new ReadOnlyBooleanWrapper(false));
    }

    static void styleIf(Node node, String styleClass, boolean on) {
        node.getStyleClass().remove(styleClass);
        if (on) {
            node.getStyleClass().add(styleClass);
        }
    }
}
