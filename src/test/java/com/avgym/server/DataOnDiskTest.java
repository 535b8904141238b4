package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.avgym.server.storage.DataDirLock;
import com.avgym.server.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server leaves on disk: an owner-only data dir and database, SQLite synchronous=FULL, and one
 * server per SQLite data dir (a lock file). SQLite only: on PostgreSQL the data lives in the database server.
 */
class DataOnDiskTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void sqliteOnly() {
        assumeFalse(TestServer.onPostgres(), "the data dir holds the database only with SQLite");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aNewDataDirIsOwnerOnlyAndTheDatabaseFilesAre0600() throws Exception {
        Path dir = tmp.resolve("fresh").resolve("avgym");
        try (TestServer server = TestServer.start(dir, UnaryOperator.identity())) {
            server.login("desk"); // a write: the WAL has content
            assertThat(mode(dir)).isEqualTo("rwx------");
            for (String name : List.of("avgym.db", "avgym.db-wal", "avgym.db-shm", DataDirLock.FILE_NAME)) {
                assertThat(dir.resolve(name)).exists();
                assertThat(mode(dir.resolve(name))).as(name).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void anOlderDatabaseReadableByOthersIsMadeOwnerOnlyAtStart() throws Exception {
        Path dir = tmp.resolve("old");
        Files.createDirectories(dir);
        TestServer.start(dir, UnaryOperator.identity()).close();
        for (String name : List.of("avgym.db", "avgym.db-wal", "avgym.db-shm")) {
            if (Files.exists(dir.resolve(name))) {
                Files.setPosixFilePermissions(dir.resolve(name), PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        try (TestServer server = TestServer.start(dir, UnaryOperator.identity())) {
            server.login("desk");
            for (String name : List.of("avgym.db", "avgym.db-wal", "avgym.db-shm")) {
                assertThat(mode(dir.resolve(name))).as(name).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void sqliteRunsWithSynchronousFull() {
        try (TestServer server = TestServer.start(tmp.resolve("sync"), UnaryOperator.identity())) {
            int level = server.server().database().read(c -> {
                try (var rs = c.createStatement().executeQuery("PRAGMA synchronous")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(level).as("PRAGMA synchronous (2 = FULL)").isEqualTo(2);
        }
    }

    @Test
    void aSecondServerOnTheSameDataDirRefusesAndTheLockGoesWithTheFirst() {
        Path dir = tmp.resolve("shared");
        TestServer first = TestServer.start(dir, UnaryOperator.identity());
        try {
            assertThatThrownBy(() -> TestServer.start(dir, UnaryOperator.identity()))
                    .rootCause().isInstanceOf(DataDirLock.InUseException.class)
                    .hasMessageContaining("is in use by another AV-Gym server (pid " + ProcessHandle.current().pid() + ")");
            assertThat(first.login("desk").access()).as("the first server is unaffected").isNotBlank();
        } finally {
            first.close();
        }
        try (TestServer again = TestServer.start(dir, UnaryOperator.identity())) {
            assertThat(again.login("desk").access()).isNotBlank();
        }
    }

    @Test
    void aSecondServerProcessRefusesWithAClearMessageAndStartsOnceTheFirstStopped() throws Exception {
        Path dir = tmp.resolve("process");
        Path out = tmp.resolve("child.out");
        try (TestServer first = TestServer.start(dir, UnaryOperator.identity())) {
            Process child = serverProcess(dir, out);
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the second server exits by itself").isTrue();
            assertThat(child.exitValue()).isEqualTo(1);
            assertThat(Files.readString(out))
                    .contains("avgym server: data dir " + dir.toAbsolutePath() + " is in use by another AV-Gym server (pid "
                            + ProcessHandle.current().pid() + ")")
                    .doesNotContain("Exception");
            assertThat(first.login("desk").access()).isNotBlank();
        }
        Process child = serverProcess(dir, out);
        try {
            await("the second server starts once the first stopped").atMost(Duration.ofSeconds(120))
                    .until(() -> !child.isAlive() || Files.readString(out).contains("listening on"));
            assertThat(child.isAlive()).as("child output:%n%s", Files.readString(out)).isTrue();
            assertThatThrownBy(() -> TestServer.start(dir, UnaryOperator.identity()))
                    .rootCause().isInstanceOf(DataDirLock.InUseException.class)
                    .hasMessageContaining("(pid " + child.pid() + ")");
        } finally {
            child.destroy();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        try (TestServer again = TestServer.start(dir, UnaryOperator.identity())) {
            assertThat(again.login("desk").access()).as("a stopped process leaves no stale lock").isNotBlank();
        }
    }

    private static Process serverProcess(Path dir, Path out) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "com.avgym.cli.Main",
                "server", "--data", dir.toString(), "--port", "0")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }
}
