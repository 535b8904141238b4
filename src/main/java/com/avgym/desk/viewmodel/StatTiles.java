package com.avgym.desk.viewmodel;

import com.avgym.protocol.message.Stats;

/** The dashboard's three figures as shown: "-" until the first stats arrive, and for an average with no visits. */
public record StatTiles(String inGym, String todayCheckIns, String averageStay) {
    static final String NONE = "-";

    static StatTiles unknown() {
        return new StatTiles(NONE, NONE, NONE);
    }

    static StatTiles of(Stats stats) {
        // The server sends 0 when no visit of today has ended; a real mean is never exactly 0.
        String average = stats.averageStayMinutes() > 0 ? Math.round(stats.averageStayMinutes()) + " min" : NONE;
        return new StatTiles(Long.toString(stats.currentlyIn()), Long.toString(stats.todayTotal()), average);
    }
}
