package com.avgym.desk.viewmodel;

import java.util.List;

/** What the dashboard view hears from {@link DashboardViewModel}, on the UI thread, one part at a time. */
public interface DashboardListener {
    default void tilesChanged(StatTiles tiles) {
    }

    default void recentChanged(List<ActivityRow> rows) {
    }

    default void hourlyChanged(HourlyChart chart) {
    }

    default void expiringChanged(ExpiringList list) {
    }

    default void toast(Toast toast) {
    }
}
