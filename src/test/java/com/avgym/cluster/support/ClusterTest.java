package com.avgym.cluster.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test of several server processes behind HAProxy: tagged {@code cluster}, and skipped with the reason
 * unless the suite runs on PostgreSQL ({@code -Ppostgres}) and haproxy is installed ({@code .ci/run} installs it).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("cluster")
@ExtendWith(ClusterCondition.class)
public @interface ClusterTest {
}
