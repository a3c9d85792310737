package io.pushmon.gateway.maintenance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pushmon.common.model.CronSchedule;
import io.pushmon.common.model.MaintenanceWindow;
import io.pushmon.common.model.MaintenanceWindow.Scope;
import io.pushmon.common.schedule.Schedules;
import io.pushmon.gateway.directory.MonitorDirectory;
import io.pushmon.gateway.errors.ApiException;
import io.pushmon.gateway.monitors.Tags;

/**
 * A tenant's maintenance windows: checked, written to {@code maintenance-windows} (the policy step holds the
 * notifications of what they cover while they are open) and served from this gateway's copy of that topic.
 */
@ApplicationScoped
public class MaintenanceService {

    /** Windows a tenant may have; the policy step checks every one of them on each notice of the tenant. */
    public static final int MAX_PER_TENANT = 100;
    /** Longest occurrence of a recurring window: a week, the longest a weekly schedule can cover without overlap. */
    public static final int MAX_DURATION_MINUTES = 10_080;

    private final MaintenanceDirectory windows;
    private final MonitorDirectory monitors;
    private final Clock clock;

    @Inject
    public MaintenanceService(MaintenanceDirectory windows, MonitorDirectory monitors) {
        this.windows = windows;
        this.monitors = monitors;
        this.clock = Clock.systemUTC();
    }

    public synchronized MaintenanceWindow create(String tenantId, MaintenanceRequest request) {
        if (windows.forTenant(tenantId).size() >= MAX_PER_TENANT) {
            throw ApiException.forbidden("limit reached: a tenant may have " + MAX_PER_TENANT
                    + " maintenance windows; delete ended ones first");
        }
        return write(build(tenantId, UUID.randomUUID().toString(), now(), request));
    }

    public List<MaintenanceWindow> list(String tenantId) {
        return windows.forTenant(tenantId);
    }

    public MaintenanceWindow get(String tenantId, String id) {
        return windows.find(tenantId, id).orElseThrow(() -> ApiException.notFound("no maintenance window with this id"));
    }

    /** Replaces every field but the id and the creation time. */
    public synchronized MaintenanceWindow replace(String tenantId, String id, MaintenanceRequest request) {
        MaintenanceWindow current = get(tenantId, id);
        return write(build(tenantId, id, current.createdAt(), request));
    }

    public synchronized void delete(String tenantId, String id) {
        get(tenantId, id);
        windows.write(tenantId, id, null);
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private MaintenanceWindow build(String tenantId, String id, Instant createdAt, MaintenanceRequest request) {
        String target = target(tenantId, request.scope(), request.target());
        boolean oneOff = request.startsAt() != null || request.endsAt() != null;
        boolean recurring = request.cron() != null || request.timeZone() != null || request.durationMinutes() != null;
        if (oneOff == recurring) {
            throw ApiException.badRequest("give either startsAt and endsAt (a one-off window) or cron, timeZone and "
                    + "durationMinutes (a recurring one)");
        }
        if (oneOff) {
            if (request.startsAt() == null || request.endsAt() == null) {
                throw ApiException.badRequest("a one-off window needs both startsAt and endsAt");
            }
            if (!request.endsAt().isAfter(request.startsAt())) {
                throw ApiException.badRequest("endsAt must be after startsAt");
            }
            if (!request.endsAt().isAfter(now())) {
                throw ApiException.badRequest("endsAt is in the past: the window would never be open");
            }
            return new MaintenanceWindow(id, tenantId, request.name(), request.scope(), target, request.startsAt(),
                    request.endsAt(), null, 0, createdAt);
        }
        if (request.cron() == null) {
            throw ApiException.badRequest("a recurring window needs cron");
        }
        Integer minutes = request.durationMinutes();
        if (minutes == null || minutes < 1 || minutes > MAX_DURATION_MINUTES) {
            throw ApiException.badRequest("durationMinutes is required for a recurring window, 1 to "
                    + MAX_DURATION_MINUTES + " (a week)");
        }
        CronSchedule schedule;
        try {
            schedule = Schedules.parse(request.cron(), request.timeZone());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return new MaintenanceWindow(id, tenantId, request.name(), request.scope(), target, null, null, schedule,
                Duration.ofMinutes(minutes).toSeconds(), createdAt);
    }

    private String target(String tenantId, Scope scope, String target) {
        return switch (scope) {
            case TENANT -> {
                if (target != null) {
                    throw ApiException.badRequest("a window of scope tenant takes no target");
                }
                yield null;
            }
            case MONITOR -> {
                if (target == null || monitors.find(target).filter(m -> m.tenantId().equals(tenantId)).isEmpty()) {
                    throw ApiException.badRequest("target must be the id of one of your monitors for scope monitor");
                }
                yield target;
            }
            case TAG -> {
                String tag = target == null ? null : target.strip().toLowerCase(Locale.ROOT);
                if (tag == null || !Tags.isTag(tag)) {
                    throw ApiException.badRequest("target must be a tag for scope tag (1 to 40 of a-z 0-9 _ . -)");
                }
                yield tag;
            }
        };
    }

    private MaintenanceWindow write(MaintenanceWindow window) {
        windows.write(window.tenantId(), window.id(), window);
        return window;
    }
}
