package io.pushmon.kafka.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class BrokerSourceTest {

    @Test
    void aNamedBrokerWinsAndDockerIsNotEvenAsked() {
        var probes = new AtomicInteger();

        var source = BrokerSource.choose("kafka:9092", () -> {
            probes.incrementAndGet();
            return true;
        });

        assertThat(source).isEqualTo(BrokerSource.EXTERNAL);
        assertThat(probes).hasValue(0);
    }

    @Test
    void testcontainersIsUsedWhenDockerAnswers() {
        assertThat(BrokerSource.choose(null, () -> true)).isEqualTo(BrokerSource.TESTCONTAINERS);
    }

    @Test
    void theInProcessBrokerIsTheFallbackWithoutDocker() {
        assertThat(BrokerSource.choose(null, () -> false)).isEqualTo(BrokerSource.IN_PROCESS);
    }

    @Test
    void aBlankVariableDoesNotNameABroker() {
        assertThat(BrokerSource.choose("  ", () -> false))
                .isEqualTo(BrokerSource.IN_PROCESS);
    }
}
