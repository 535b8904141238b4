package com.avgym.cluster.support;

import com.avgym.server.support.TestServer;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Enables {@link ClusterTest}s only where they can run: on PostgreSQL, with haproxy installed. */
public final class ClusterCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!TestServer.onPostgres()) {
            return ConditionEvaluationResult.disabled("cluster test: needs PostgreSQL (run with -Ppostgres and "
                    + "AVGYM_TEST_PG_URL); several nodes cannot share an SQLite file");
        }
        if (Haproxy.binary().isEmpty()) {
            return ConditionEvaluationResult.disabled("cluster test: haproxy is not installed (apt-get install haproxy; "
                    + ".ci/run does it)");
        }
        return ConditionEvaluationResult.enabled("PostgreSQL and haproxy present");
    }
}
