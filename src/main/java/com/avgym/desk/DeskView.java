package com.avgym.desk;

import javafx.scene.Parent;

/**
 * One screen of the desk (check-in desk, dashboard, history). A {@link ViewHost} builds it, and builds a fresh
 * one after an error; {@link #dispose()} lets the old one unhook its listeners from long-lived view-models and
 * the connection service.
 */
interface DeskView {
    Parent root();

    default void dispose() {
    }
}
