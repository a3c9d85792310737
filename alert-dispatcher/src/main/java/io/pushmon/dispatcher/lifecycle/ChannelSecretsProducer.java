package io.pushmon.dispatcher.lifecycle;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.pushmon.common.secrets.ChannelSecrets;
import io.pushmon.common.secrets.SecretsConfig;
import io.quarkus.runtime.Startup;

/** The keys of {@code pushmon.secrets.keys}, made at startup so a dispatcher without a usable key does not start. */
public class ChannelSecretsProducer {

    @Produces
    @Singleton
    @Startup
    ChannelSecrets channelSecrets(SecretsConfig config) {
        return ChannelSecrets.of(config);
    }
}
