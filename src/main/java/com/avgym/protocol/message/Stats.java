package com.avgym.protocol.message;

/**
 * Dashboard figures, defined once (server StatsQuery): members inside now, check-ins whose time falls
 * in today's gym-local date, and the mean stay in minutes of today's completed, not auto-closed visits.
 */
public record Stats(long currentlyIn, long todayTotal, double averageStayMinutes) {
}
