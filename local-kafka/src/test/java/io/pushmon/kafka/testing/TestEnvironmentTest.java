package io.pushmon.kafka.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The test JVM runs through scripts/test-jvm/bin/java; .ci/run exports variables of a user's shell to prove it. */
class TestEnvironmentTest {

    @Test
    void noVariableOfTheUsersShellReachesTheTests() {
        assertThat(System.getenv().keySet())
                .noneMatch(name -> name.startsWith("PUSHMON_") || name.startsWith("KAFKA_")
                        || name.startsWith("QUARKUS_"));
    }
}
