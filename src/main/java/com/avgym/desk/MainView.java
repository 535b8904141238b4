package com.avgym.desk;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * What staff see after signing in: one tab per screen, each in a {@link ViewHost} so a broken screen shows
 * its error panel while the other tabs (and the banner above) keep working.
 */
final class MainView {
    private final TabPane tabs = new TabPane();
    private final List<ViewHost> hosts;

    MainView(List<ViewHost> hosts) {
        this.hosts = List.copyOf(hosts);
        tabs.setId("main-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        for (ViewHost host : hosts) {
            Tab tab = new Tab(host.title(), host.root());
            tab.setId("tab-" + host.title().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]+", "-"));
            tabs.getTabs().add(tab);
        }
    }

    Parent root() {
        return tabs;
    }

    /** Shows the screen with this title (the wedge filter brings the check-in desk forward for a scan). */
    void show(String title) {
        for (int i = 0; i < hosts.size(); i++) {
            if (hosts.get(i).title().equals(title)) {
                tabs.getSelectionModel().select(i);
            }
        }
    }

    /** Ctrl+1/2/3. */
    void showIndex(int index) {
        if (index >= 0 && index < hosts.size()) {
            tabs.getSelectionModel().select(index);
        }
    }

    /**
     * An uncaught exception on the UI thread: the screen in front is the one being used, so it is the one
     * that gets the error panel (a background update that fails in a hidden tab is logged only).
     */
    void failCurrent(Throwable error) {
        hosts.get(tabs.getSelectionModel().getSelectedIndex()).fail(error);
    }

    Node lookup(String selector) {
        return tabs.lookup(selector);
    }
}
