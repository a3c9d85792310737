package io.pushmon.gateway.statuspage;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pushmon.common.model.TenantDefinition;
import io.pushmon.common.model.TenantDefinition.StatusPage;
import io.pushmon.gateway.directory.MonitorDirectory;
import io.pushmon.gateway.errors.ApiException;
import io.pushmon.gateway.tenants.TenantService;

/** A tenant's status page settings, checked before they are written to its record on {@code tenants}. */
@ApplicationScoped
public class StatusPageSettings {

    /** Most monitors on one page: its 90 bars each, rendered on every uncached view. */
    public static final int MAX_MONITORS = 100;
    public static final int MAX_TITLE = 100;
    private static final Pattern SLUG = Pattern.compile("[a-z0-9-]{3,40}");

    /** What a tenant that never set its page has: off, no slug, no monitors. */
    static final StatusPage NONE = new StatusPage(false, null, null, List.of());

    private final TenantService tenants;
    private final MonitorDirectory monitors;

    @Inject
    public StatusPageSettings(TenantService tenants, MonitorDirectory monitors) {
        this.tenants = tenants;
        this.monitors = monitors;
    }

    public StatusPage get(String tenantId) {
        StatusPage page = tenants.tenant(tenantId).statusPage();
        return page == null ? NONE : page;
    }

    /**
     * Replaces the settings.
     *
     * @throws ApiException a 400 naming the field that is wrong, a 409 for a slug another tenant's page has
     */
    public StatusPage replace(String tenantId, StatusPageRequest request) {
        boolean enabled = Boolean.TRUE.equals(request.enabled());
        String slug = request.slug();
        if (slug != null && !SLUG.matcher(slug).matches()) {
            throw ApiException.badRequest("slug must be 3 to 40 characters of a-z, 0-9 and '-'");
        }
        if (enabled && slug == null) {
            throw ApiException.badRequest("slug is required to enable the status page");
        }
        String title = request.title();
        if (title != null && (title.isBlank() || title.length() > MAX_TITLE)) {
            throw ApiException.badRequest("title must be 1 to " + MAX_TITLE + " characters, not only blanks");
        }
        StatusPage page = new StatusPage(enabled, slug, title, monitorIds(tenantId, request.monitorIds()));
        TenantDefinition written = tenants.setStatusPage(tenantId, page);
        return written.statusPage();
    }

    /** The ids in their order, each once, each a monitor of the tenant. */
    private List<String> monitorIds(String tenantId, List<String> ids) {
        if (ids == null) {
            return List.of();
        }
        LinkedHashSet<String> kept = new LinkedHashSet<>();
        for (String id : ids) {
            if (id == null) {
                throw ApiException.badRequest("monitorIds must not contain null");
            }
            if (monitors.find(id).filter(m -> tenantId.equals(m.tenantId())).isEmpty()) {
                throw ApiException.badRequest("unknown monitor in monitorIds: " + id);
            }
            kept.add(id);
        }
        if (kept.size() > MAX_MONITORS) {
            throw ApiException.badRequest("monitorIds: at most " + MAX_MONITORS + " monitors, this has " + kept.size());
        }
        return List.copyOf(kept);
    }
}
