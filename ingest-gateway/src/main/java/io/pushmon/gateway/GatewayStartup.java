package io.pushmon.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.pushmon.common.topics.TopicProvisioner;
import io.pushmon.gateway.directory.Directories;
import io.pushmon.gateway.kafka.KafkaConnection;
import io.pushmon.gateway.tenants.DefaultTenantBootstrap;
import io.pushmon.gateway.ticks.TickWriter;
import io.quarkus.runtime.StartupEvent;

/**
 * Startup in the order things depend on each other: topics exist before anything reads or writes them;
 * caches start reading; ticks start; the default tenant's key is ensured once the tenants cache caught up.
 * Readiness waits for the caches, see the health package.
 */
@ApplicationScoped
public class GatewayStartup {

    private static final Logger LOG = Logger.getLogger(GatewayStartup.class);

    @Inject
    KafkaConnection kafka;

    @Inject
    GatewayConfig config;

    @Inject
    Directories directories;

    @Inject
    TickWriter ticks;

    @Inject
    DefaultTenantBootstrap defaultTenant;

    void onStart(@Observes StartupEvent event) {
        LOG.infof("Provisioning topics on %s", kafka.bootstrapServers());
        new TopicProvisioner(config.kafka().partitions(), config.kafka().replicationFactor())
                .provision(kafka.bootstrapServers());
        directories.start();
        ticks.start();
        defaultTenant.start();
    }
}
