package io.pushmon.gateway;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.pushmon.common.kafka.KafkaConfig;
import io.pushmon.common.kafka.KafkaAccess;
import io.pushmon.common.topics.TopicProvisioner;
import io.pushmon.gateway.audit.AuditLog;
import io.pushmon.gateway.directory.Directories;
import io.pushmon.gateway.incidents.IncidentLog;
import io.pushmon.gateway.kafka.HeartbeatWriter;
import io.pushmon.gateway.tenants.DefaultTenantBootstrap;
import io.pushmon.gateway.ticks.TickWriter;
import io.quarkus.runtime.StartupEvent;

/**
 * Startup in the order things depend on each other: topics exist before anything reads or writes them;
 * caches start reading; the default tenant's key is ensured once the tenants cache caught up. Startup then
 * waits, bounded, for the heartbeat producer's metadata and for the caches, and only then starts ticking: a tick moves the detector's clock, and that
 * clock must not run while this gateway cannot yet accept the pushes it is counting the silence of.
 * Readiness reports the caches either way (health package).
 */
@ApplicationScoped
public class GatewayStartup {

    private static final Logger LOG = Logger.getLogger(GatewayStartup.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);

    @Inject
    KafkaConfig kafka;

    @Inject
    HeartbeatWriter heartbeats;

    @Inject
    Directories directories;

    @Inject
    TickWriter ticks;

    @Inject
    DefaultTenantBootstrap defaultTenant;

    @Inject
    AuditLog audit;

    @Inject
    IncidentLog incidents;

    void onStart(@Observes StartupEvent event) {
        LOG.infof("Provisioning topics on %s (%s)", kafka.bootstrapServers(), kafka.topics());
        TopicProvisioner.provision(kafka, KafkaAccess.Service.GATEWAY);
        directories.start();
        audit.start();
        incidents.start();
        defaultTenant.start();
        awaitHeartbeatMetadata();
        awaitCaches();
        ticks.start();
    }

    /**
     * Pushes are sent from the event loop by a producer that fails rather than wait, so it must know the
     * partitions of {@code heartbeats} before the first push; until it does, a push answers 503.
     */
    private void awaitHeartbeatMetadata() {
        try {
            if (!heartbeats.awaitMetadata(STARTUP_WAIT)) {
                LOG.warnf("No metadata for the heartbeats topic within %s; pushes answer 503 until it arrives",
                        STARTUP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Holds startup until the caches caught up, so a gateway that listens normally answers correctly at once
     * (a push to a valid token is never a 404 just because its monitor was not read yet). The wait is bounded:
     * a slow or absent broker must not keep the process from starting; readiness stays DOWN instead.
     */
    private void awaitCaches() {
        try {
            CompletableFuture.allOf(directories.allCaughtUp().toCompletableFuture(),
                    defaultTenant.done().toCompletableFuture()).get(STARTUP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("Caches have not caught up within %s; starting anyway, not ready until they have", STARTUP_WAIT);
        } catch (ExecutionException e) {
            LOG.warnf("Waiting for the caches failed (%s); starting anyway", e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
