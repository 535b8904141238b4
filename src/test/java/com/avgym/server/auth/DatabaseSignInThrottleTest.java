package com.avgym.server.auth;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.avgym.server.db.Database;
import com.avgym.server.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

/**
 * Every rule of {@link LocalSignInThrottleTest}, run against the shared throttle on PostgreSQL: same rules and
 * same numbers, whichever node counts.
 */
class DatabaseSignInThrottleTest extends LocalSignInThrottleTest {
    private Database db;

    @Override
    SignInThrottle newThrottle(Clock clock) {
        assumeTrue(TestServer.onPostgres(), "needs PostgreSQL (-Ppostgres)");
        try {
            var dir = Files.createTempDirectory("avgym-throttle");
            db = Database.open(TestServer.databaseFor(dir), dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new DatabaseSignInThrottle(db, clock);
    }

    @AfterEach
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }
}
