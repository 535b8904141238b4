package com.avgym.server.checkin;

import com.avgym.server.db.Database;
import com.avgym.server.db.Sql;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic upkeep so the figures never drift: closes (and flags) visits open longer than the maximum
 * stay, announces fresh stats when the gym's day rolls over, and trims old events.
 */
public final class Housekeeping implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
    public static final Duration EVENT_RETENTION = Duration.ofDays(7);
    public static final long EVENTS_ALWAYS_KEPT = 10_000;
    /** How often the server closes overlong visits, prunes events and notices a new gym day. */
    public static final Duration INTERVAL = Duration.ofSeconds(30);

    private final Database db;
    private final CheckInService checkIns;
    private final EventLog events;
    private final GymCalendar calendar;
    private final Duration maxVisit;
    private LocalDate lastDay;
    private final java.util.List<Runnable> alsoEachRun = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Housekeeping(Database db, CheckInService checkIns, EventLog events, GymCalendar calendar, Duration maxVisit) {
        this.db = db;
        this.checkIns = checkIns;
        this.events = events;
        this.calendar = calendar;
        this.maxVisit = maxVisit;
        this.lastDay = calendar.today();
    }

    /** Adds a task run on every pass after the built-in ones (e.g. pruning roster removals). */
    public void alsoEachRun(Runnable task) {
        alsoEachRun.add(task);
    }

    @Override
    public synchronized void run() {
        try {
            closeStaleVisits();
            LocalDate today = calendar.today();
            if (!today.equals(lastDay)) {
                lastDay = today;
                checkIns.publishStats();
            }
            int pruned = events.prune(calendar.now().minus(EVENT_RETENTION), EVENTS_ALWAYS_KEPT);
            if (pruned > 0) {
                log.info("pruned {} old events", pruned);
            }
            for (Runnable task : alsoEachRun) {
                task.run();
            }
        } catch (RuntimeException e) {
            log.error("housekeeping failed; will try again", e);
        }
    }

    /** Returns how many visits were closed. */
    public int closeStaleVisits() {
        Instant cutoff = calendar.now().minus(maxVisit);
        record Stale(String id, long checkInTime) {
        }
        List<Stale> stale = db.read(c -> Sql.list(c,
                "SELECT id, check_in_time FROM check_ins WHERE check_out_time IS NULL AND check_in_time < ?",
                rs -> new Stale(rs.getString(1), rs.getLong(2)), cutoff.toEpochMilli()));
        int closed = 0;
        for (Stale s : stale) {
            if (checkIns.autoClose(s.id(), Instant.ofEpochMilli(s.checkInTime()).plus(maxVisit))) {
                closed++;
            }
        }
        if (closed > 0) {
            log.info("closed {} visits open longer than {}", closed, maxVisit);
        }
        return closed;
    }
}
