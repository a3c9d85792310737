package io.pushmon.dispatcher.delivery;

import java.time.Duration;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The dispatcher's configuration with every default in code, for tests that build components by hand. */
final class DispatcherDefaults {

    private DispatcherDefaults() {
    }

    /** Read with Quarkus' own duration syntax ({@code 10s}), as the application reads it. */
    static DispatcherConfig config() {
        return new SmallRyeConfigBuilder().withMapping(DispatcherConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter()).build()
                .getConfigMapping(DispatcherConfig.class);
    }
}
