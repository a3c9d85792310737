package io.pushmon.gateway.monitors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pushmon.common.model.AlertPolicy;
import io.pushmon.common.model.CronSchedule;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.gateway.GatewayConfig;
import io.pushmon.gateway.directory.ChannelDirectory;
import io.pushmon.gateway.directory.MonitorDirectory;
import io.pushmon.gateway.errors.ApiException;
import io.pushmon.gateway.push.PushTokens;
import io.pushmon.gateway.tenants.TenantQuotas;

/**
 * Monitor definitions of a tenant. Every change is written to {@code monitors} and, once acknowledged,
 * applied to this gateway's directory, so the push endpoint sees it at once. Changes to one monitor are
 * serialised within this gateway; the lock stripes keep that cheap.
 */
@ApplicationScoped
public class MonitorService {

    private static final int STRIPES = 64;

    /** The longest overlap a rotation may ask for. */
    static final Duration MAX_OVERLAP = Duration.ofDays(30);

    private final MonitorDirectory monitors;
    private final ChannelDirectory channels;
    private final TenantQuotas quotas;
    private final Duration defaultOverlap;
    private final Object[] locks = new Object[STRIPES];
    private final Clock clock = Clock.systemUTC();

    @Inject
    public MonitorService(MonitorDirectory monitors, ChannelDirectory channels, TenantQuotas quotas,
            GatewayConfig config) {
        this.monitors = monitors;
        this.channels = channels;
        this.quotas = quotas;
        this.defaultOverlap = config.tenancy().tokenOverlap();
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    public MonitorDefinition create(String tenantId, MonitorRequest request) {
        CronSchedule cron = request.scheduleOrInterval();
        List<String> channelIds = checkChannels(tenantId, request.channelIdsOrNone());
        List<String> tags = request.tagsOrNone();
        AlertPolicy policy = request.alertPolicy();
        String token = request.pushToken() == null ? PushTokens.generate() : keptToken(request.pushToken());
        Instant now = now();
        MonitorDefinition monitor = new MonitorDefinition(UUID.randomUUID().toString(), tenantId,
                request.name(), token, request.timeoutOrNone(), request.graceOrDefault(), false,
                channelIds, now, now, cron, request.maxRuntimeOrNone(), false, null, tags, policy);
        return quotas.withRoomForMonitor(tenantId, () -> {
            synchronized (lock(token)) {
                // Serialised per token within this gateway; two gateways taking the same token at once is the
                // cross-gateway race the README lists under known limits.
                if (monitors.pushTarget(token).isPresent()) {
                    throw ApiException.conflict("this push token is already in use");
                }
                return write(monitor);
            }
        });
    }

    public List<MonitorDefinition> list(String tenantId) {
        return monitors.forTenant(tenantId);
    }

    /** The tenant's monitors that have every one of {@code tags} (all of them for none), sorted by name. */
    public List<MonitorDefinition> list(String tenantId, List<String> tags) {
        List<MonitorDefinition> all = list(tenantId);
        return tags.isEmpty() ? all : all.stream().filter(m -> m.tags().containsAll(tags)).toList();
    }

    /** The tenant's monitor; another tenant's monitor is as unknown as a missing one. */
    public MonitorDefinition get(String tenantId, String id) {
        return monitors.find(id).filter(m -> m.tenantId().equals(tenantId))
                .orElseThrow(() -> ApiException.notFound("no monitor with this id"));
    }

    public MonitorDefinition replace(String tenantId, String id, MonitorRequest request) {
        if (request.pushToken() != null) {
            throw ApiException.badRequest("pushToken is kept by PUT; POST /api/monitors/{id}/token gives a new one");
        }
        CronSchedule cron = request.scheduleOrInterval();
        List<String> channelIds = checkChannels(tenantId, request.channelIdsOrNone());
        List<String> tags = request.tagsOrNone();
        AlertPolicy policy = request.alertPolicy();
        return change(tenantId, id, m -> new MonitorDefinition(m.id(), m.tenantId(), request.name(), m.pushToken(),
                request.timeoutOrNone(), request.graceOrDefault(), m.paused(), channelIds, m.createdAt(), now(),
                cron, request.maxRuntimeOrNone(), m.suspended(), m.previousToken(), tags, policy));
    }

    public MonitorDefinition pause(String tenantId, String id) {
        return change(tenantId, id, m -> m.paused() ? m : m.withPaused(true, now()));
    }

    /** Resumes; the new {@code updatedAt} is the time the processor re-arms the deadline from. */
    public MonitorDefinition resume(String tenantId, String id) {
        return change(tenantId, id, m -> m.paused() ? m.withPaused(false, now()) : m);
    }

    /**
     * A new push token; the current one keeps working for the overlap and answers 404 after it. The token an
     * earlier rotation kept is dropped: only the newest two tokens ever work.
     *
     * @param overlapSeconds how long the current token stays valid; null for the configured default
     */
    public MonitorDefinition rotateToken(String tenantId, String id, Long overlapSeconds) {
        Duration overlap = overlapSeconds == null ? defaultOverlap : Duration.ofSeconds(overlapSeconds);
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            throw ApiException.badRequest("overlapSeconds must be between 0 and " + MAX_OVERLAP.toSeconds());
        }
        return change(tenantId, id, m -> {
            Instant now = now();
            MonitorDefinition.PreviousToken previous = overlap.isZero() ? null
                    : new MonitorDefinition.PreviousToken(m.pushToken(), now.plus(overlap));
            return m.withPushToken(PushTokens.generate(), previous, now);
        });
    }

    /** Suspends or releases every monitor of the tenant, for an operator; returns how many changed. */
    public int suspendAll(String tenantId, boolean suspended) {
        int changed = 0;
        for (MonitorDefinition monitor : monitors.forTenant(tenantId)) {
            if (monitor.suspended() != suspended) {
                change(tenantId, monitor.id(), m -> m.suspended() == suspended ? m : m.withSuspended(suspended, now()));
                changed++;
            }
        }
        return changed;
    }

    /** Writes a tombstone: the monitor and its token are gone at once. */
    public void delete(String tenantId, String id) {
        synchronized (lock(id)) {
            get(tenantId, id);
            monitors.write(id, null);
        }
    }

    private MonitorDefinition change(String tenantId, String id, UnaryOperator<MonitorDefinition> update) {
        synchronized (lock(id)) {
            MonitorDefinition current = get(tenantId, id);
            MonitorDefinition updated = update.apply(current);
            return updated == current ? current : write(updated);
        }
    }

    /** A token a moved job keeps: the shapes a push accepts, so the kept URL works. */
    private static String keptToken(String token) {
        if (!PushTokens.hasValidShape(token)) {
            throw ApiException.badRequest("pushToken must be " + PushTokens.LENGTH + " characters of A-Z, a-z, 0-9,"
                    + " '-' and '_' (pushmon, Uptime Kuma) or a lower-case UUID (Healthchecks)");
        }
        return token;
    }

    private List<String> checkChannels(String tenantId, List<String> channelIds) {
        for (String channelId : channelIds) {
            if (channels.find(channelId).filter(c -> c.tenantId().equals(tenantId)).isEmpty()) {
                throw ApiException.badRequest("unknown channel in channelIds: " + channelId);
            }
        }
        return channelIds;
    }

    private MonitorDefinition write(MonitorDefinition monitor) {
        monitors.write(monitor.id(), monitor);
        return monitor;
    }

    private Object lock(String id) {
        return locks[Math.floorMod(id.hashCode(), STRIPES)];
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
