package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.avgym.server.cluster.HousekeepingTurn;
import com.avgym.server.support.TestServer;
import com.avgym.server.support.TwoNodes;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 3: day-change stats and the 12 h auto-close run on exactly one node, the holder of an advisory
 * lock; when the holder dies (its lock connection killed, or the node stopped) the other node takes over on its
 * next housekeeping pass. The passes are called here instead of waiting for the 30 s schedule.
 */
class HousekeepingTurnClusterTest {
    private TwoNodes nodes;

    @BeforeEach
    void start() {
        assumeTrue(TestServer.onPostgres(), "needs PostgreSQL (-Ppostgres)");
        nodes = TwoNodes.start();
    }

    @AfterEach
    void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    private static HousekeepingTurn turn(TestServer node) {
        return node.server().housekeepingTurn();
    }

    /** Runs one pass on each node and returns how many of the two actually ran housekeeping. */
    private int passOnBoth() {
        long before = turn(nodes.a).passes() + turn(nodes.b).passes();
        turn(nodes.a).run();
        turn(nodes.b).run();
        return (int) (turn(nodes.a).passes() + turn(nodes.b).passes() - before);
    }

    @Test
    void onlyTheFirstNodeRunsHousekeepingWhileItHoldsTheLock() {
        assertThat(turn(nodes.a).holding()).isTrue();
        assertThat(turn(nodes.b).holding()).isFalse();
        long bBefore = turn(nodes.b).passes();
        for (int i = 0; i < 3; i++) {
            assertThat(passOnBoth()).isEqualTo(1);
        }
        assertThat(turn(nodes.b).passes()).isEqualTo(bBefore);
    }

    @Test
    void whenTheHoldersLockConnectionIsKilledTheOtherNodeTakesOverOnItsNextPass() throws Exception {
        assertThat(nodes.terminate(nodes.a, "avgym-housekeeping")).isEqualTo(1);
        long aBefore = turn(nodes.a).passes();
        long bBefore = turn(nodes.b).passes();

        turn(nodes.b).run();
        turn(nodes.a).run();

        assertThat(turn(nodes.b).passes()).as("b took the turn").isEqualTo(bBefore + 1);
        assertThat(turn(nodes.a).passes()).as("a lost it and did not run").isEqualTo(aBefore);
        assertThat(turn(nodes.a).holding()).isFalse();
        assertThat(passOnBoth()).isEqualTo(1);
    }

    @Test
    void whenTheHolderStopsTheOtherNodeTakesOverOnItsNextPass() {
        long bBefore = turn(nodes.b).passes();
        turn(nodes.b).run();
        assertThat(turn(nodes.b).passes()).isEqualTo(bBefore);

        nodes.a.close();
        // The backend releases the lock as its session ends, just after the client closed it: b's next passes.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            turn(nodes.b).run();
            return turn(nodes.b).holding();
        });
        assertThat(turn(nodes.b).passes()).isEqualTo(bBefore + 1);
    }
}
