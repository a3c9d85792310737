package io.pushmon.gateway.operators;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.TenantDefinition;
import io.pushmon.gateway.accounts.AccountService;
import io.pushmon.gateway.audit.AuditLog;
import io.pushmon.gateway.channels.ChannelService;
import io.pushmon.gateway.errors.ApiException;
import io.pushmon.gateway.monitors.MonitorService;
import io.pushmon.gateway.tenants.Plans;
import io.pushmon.gateway.tenants.TenantService;
import io.pushmon.gateway.tenants.TenantService.CreatedTenant;

/**
 * What operators do to tenants. Suspension and deletion reach the liveness processor through the monitors
 * themselves: a suspended tenant's monitors are written suspended (the processor treats them as paused, so they
 * raise no alert), a deleted tenant's monitors get tombstones (the processor drops their state, history and bodies).
 */
@ApplicationScoped
public class TenantAdmin {

    private static final Logger LOG = Logger.getLogger(TenantAdmin.class);

    private final TenantService tenants;
    private final MonitorService monitors;
    private final ChannelService channels;
    private final Plans plans;
    private final AuditLog audit;
    private final AccountService accounts;

    @Inject
    public TenantAdmin(TenantService tenants, MonitorService monitors, ChannelService channels, Plans plans,
            AuditLog audit, AccountService accounts) {
        this.accounts = accounts;
        this.tenants = tenants;
        this.monitors = monitors;
        this.channels = channels;
        this.plans = plans;
        this.audit = audit;
    }

    /** What a deletion removed. */
    public record Purge(String tenantId, int monitors, int channels, int apiKeys, int members) {
    }

    public CreatedTenant create(String id, String name, String plan) {
        return tenants.createTenant(id, name, checkedPlan(plan));
    }

    public List<TenantDefinition> list() {
        return tenants.tenants();
    }

    public TenantDefinition get(String tenantId) {
        return tenants.tenant(tenantId);
    }

    public TenantDefinition assignPlan(String tenantId, String plan) {
        return tenants.assignPlan(tenantId, checkedPlan(plan));
    }

    /**
     * Suspends first, then its monitors: from the tenant record on, pushes are refused and nothing can change, so
     * no monitor appears or resumes while the monitors are being written.
     */
    public TenantDefinition suspend(String tenantId) {
        TenantDefinition tenant = tenants.setSuspended(tenantId, true);
        int changed = monitors.suspendAll(tenantId, true);
        LOG.infof("Tenant %s suspended (%d monitors)", tenantId, changed);
        return tenant;
    }

    /** Releases the monitors first: a push that arrives once the tenant is active again finds them armed. */
    public TenantDefinition resume(String tenantId) {
        tenants.tenant(tenantId);
        int changed = monitors.suspendAll(tenantId, false);
        TenantDefinition tenant = tenants.setSuspended(tenantId, false);
        LOG.infof("Tenant %s resumed (%d monitors)", tenantId, changed);
        return tenant;
    }

    /**
     * Removes everything the tenant owns from the compacted topics (and so from every gateway, the processor's
     * stores and the dispatcher's channel cache): suspended first so nothing new arrives, then monitors and
     * channels, then its memberships and invitations on the users' records, then the tenant record with its keys. Append-only topics (heartbeats, events, deliveries, audit)
     * keep their records until their retention; no API reads them for a tenant that does not exist.
     */
    public Purge delete(String tenantId) {
        TenantDefinition tenant = tenants.tenant(tenantId);
        tenants.setSuspended(tenantId, true);
        List<MonitorDefinition> owned = monitors.list(tenantId);
        owned.forEach(monitor -> monitors.delete(tenantId, monitor.id()));
        List<String> channelsOwned = channels.ids(tenantId);
        channelsOwned.forEach(channelId -> channels.delete(tenantId, channelId));
        int members = accounts.removeTenant(tenantId);
        tenants.deleteTenant(tenantId);
        audit.forget(tenantId);
        LOG.infof("Tenant %s deleted: %d monitors, %d channels, %d API keys, %d members", tenantId, owned.size(),
                channelsOwned.size(), tenant.apiKeys().size(), members);
        return new Purge(tenantId, owned.size(), channelsOwned.size(), tenant.apiKeys().size(), members);
    }

    private String checkedPlan(String plan) {
        if (plan != null && plans.named(plan).isEmpty()) {
            throw ApiException.badRequest("no plan named '" + plan + "'; plans: "
                    + plans.all().stream().map(Plans.Plan::name).toList());
        }
        return plan;
    }
}
