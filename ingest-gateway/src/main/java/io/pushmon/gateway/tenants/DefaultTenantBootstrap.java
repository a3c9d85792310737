package io.pushmon.gateway.tenants;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.pushmon.gateway.GatewayConfig;
import io.pushmon.gateway.directory.Directories;

/**
 * Gives the tenant {@code default} the key from PUSHMON_API_KEY. It waits until the tenants cache caught
 * up, since only then "the tenant has this key" can be told from "not read yet", and retries until Kafka
 * takes the write. The key is never logged.
 */
@ApplicationScoped
public class DefaultTenantBootstrap {

    /** The tenant PUSHMON_API_KEY belongs to. */
    public static final String DEFAULT_TENANT = "default";

    private static final Logger LOG = Logger.getLogger(DefaultTenantBootstrap.class);
    private static final long RETRY_MILLIS = 2000;

    private final GatewayConfig config;
    private final TenantService tenants;
    private final Directories directories;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "pushmon-default-tenant");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public DefaultTenantBootstrap(GatewayConfig config, TenantService tenants, Directories directories) {
        this.config = config;
        this.tenants = tenants;
        this.directories = directories;
    }

    public void start() {
        String key = config.apiKey().filter(k -> !k.isBlank()).orElse(null);
        if (key == null) {
            LOG.info("No PUSHMON_API_KEY set: no key is ensured for the default tenant");
            done.complete(null);
            return;
        }
        directories.tenantsCaughtUp().thenRunAsync(() -> ensure(key.trim()), executor);
    }

    /** True once the configured key works (or none is configured). */
    public boolean isDone() {
        return done.isDone();
    }

    /** Completes once the configured key works (or at once if none is configured). */
    public CompletionStage<Void> done() {
        return done;
    }

    private void ensure(String key) {
        while (!executor.isShutdown()) {
            try {
                boolean written = tenants.ensureTenantKey(DEFAULT_TENANT, TenantService.CONFIGURED_KEY_ID, key, false);
                LOG.infof("API key of tenant '%s' %s", DEFAULT_TENANT, written ? "stored" : "already in place");
                done.complete(null);
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Could not store the API key of tenant '%s' yet (%s); retrying", DEFAULT_TENANT,
                        e.getClass().getSimpleName());
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(2, TimeUnit.SECONDS);
    }
}
