package com.avgym.server.db;

import java.sql.SQLException;

/** An unexpected database failure; callers answer INTERNAL (retryable). */
public class DataAccessException extends RuntimeException {
    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /** True when the failure was a unique-constraint violation, in SQLite's or PostgreSQL's words. */
    public static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState())
                || (e.getMessage() != null && e.getMessage().contains("UNIQUE constraint failed"));
    }
}
