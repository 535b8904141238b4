package com.avgym.desk;

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

    static void styleIf(Node node, String styleClass, boolean on) {
        node.getStyleClass().remove(styleClass);
        if (on) {
            node.getStyleClass().add(styleClass);
        }
    }
}
