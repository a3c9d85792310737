package io.pushmon.gateway.ui;

import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.pushmon.common.model.AuditEntry;
import io.pushmon.common.model.Role;
import io.pushmon.common.model.TenantDefinition;
import io.pushmon.gateway.GatewayConfig;
import io.pushmon.gateway.accounts.AccountService;
import io.pushmon.gateway.accounts.Roles;
import io.pushmon.gateway.audit.AuditLog;
import io.pushmon.gateway.badges.BadgeApiResource;
import io.pushmon.gateway.channels.ChannelService;
import io.pushmon.gateway.monitors.MonitorService;
import io.pushmon.gateway.statuspage.StatusPageSettingsResource;
import io.pushmon.gateway.tenants.CallerTenant;
import io.pushmon.gateway.tenants.Plans;
import io.pushmon.gateway.tenants.TenantQuotas;
import io.pushmon.gateway.tenants.TenantService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

/** The tenant's API keys, members and settings. */
@Path("/app")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class TeamPages {

    /** Audit entries the settings page lists. */
    static final int AUDIT_SHOWN = 50;

    /** An API key as listed: never the key itself. */
    public record KeyRow(String id, boolean readOnly, String createdAt, boolean configured) {
    }

    /** A member of the tenant. */
    public record MemberRow(String userId, String email, String role, boolean verified, boolean self) {
    }

    /** An invitation not accepted yet. */
    public record InvitationRow(String email, String role, String expiresAt) {
    }

    /** An audit entry as listed. */
    public record AuditRow(String at, String actor, String action, String targetId, int status) {
    }

    /** A monitor the status page can show, and whether it does. */
    public record PageMonitor(String id, String name, boolean shown) {
    }

    /** The settings page. */
    public record Settings(TenantDefinition tenant, Plans.Plan plan, int monitors, int channels, boolean hasPingKey,
            String pingKey, String pingUrlExample, List<AuditRow> audit, BadgeApiResource.BadgesView badges,
            StatusPageSettingsResource.SettingsView statusPage, List<PageMonitor> pageMonitors) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance keys(Shell shell, List<KeyRow> keys);

        static native TemplateInstance members(Shell shell, List<MemberRow> members, List<InvitationRow> invitations,
                List<String> roles);

        static native TemplateInstance settings(Shell shell, Settings settings);
    }

    @Inject
    CallerTenant caller;

    @Inject
    Shells shells;

    @Inject
    TenantService tenants;

    @Inject
    AccountService accounts;

    @Inject
    TenantQuotas quotas;

    @Inject
    AuditLog audit;

    @Inject
    GatewayConfig config;

    @Inject
    MonitorService monitorService;

    @Inject
    ChannelService channelService;

    @Inject
    BadgeApiResource badges;

    @Inject
    StatusPageSettingsResource statusPage;

    @GET
    @Path("keys")
    public TemplateInstance keys() {
        List<KeyRow> keys = tenants.keys(caller.tenantId()).stream()
                .map(k -> new KeyRow(k.id(), k.readOnly(), Formats.utc(k.createdAt()),
                        TenantService.CONFIGURED_KEY_ID.equals(k.id())))
                .toList();
        return Templates.keys(shells.of("keys", "API keys"), keys);
    }

    @GET
    @Path("members")
    public TemplateInstance members() {
        String self = caller.userId();
        List<MemberRow> members = accounts.members(caller.tenantId()).stream()
                .map(u -> new MemberRow(u.id(), u.email(), u.roleIn(caller.tenantId()).map(Roles::name).orElse("?"),
                        u.verified(), u.id().equals(self)))
                .toList();
        List<InvitationRow> invitations = accounts.invitations(caller.tenantId()).stream()
                .map(i -> new InvitationRow(i.email(), Roles.name(i.invitation().role()),
                        Formats.utc(i.invitation().expiresAt())))
                .toList();
        List<String> roles = Arrays.stream(Role.values()).map(Roles::name).toList();
        return Templates.members(shells.of("members", "Members"), members, invitations, roles);
    }

    @GET
    @Path("settings")
    public TemplateInstance settings() {
        String tenantId = caller.tenantId();
        TenantDefinition tenant = tenants.tenant(tenantId);
        boolean admin = caller.role().atLeast(Role.ADMIN);
        String pingKey = admin ? tenants.pingKey(tenantId).orElse(null) : null;
        List<AuditRow> entries = audit.newest(tenantId, AUDIT_SHOWN).stream().map(TeamPages::auditRow).toList();
        var monitors = monitorService.list(tenantId);
        var page = statusPage.get();
        List<PageMonitor> pageMonitors = monitors.stream()
                .map(m -> new PageMonitor(m.id(), m.name(), page.monitorIds().contains(m.id()))).toList();
        Settings settings = new Settings(tenant, quotas.plan(tenantId), monitors.size(),
                channelService.list(tenantId).size(), tenant.pingKey() != null, pingKey,
                GatewayConfig.base(config.publicUrl()) + "/ping/" + (pingKey == null ? "<ping key>" : pingKey)
                        + "/<slug>",
                entries, badges.list(), page, pageMonitors);
        return Templates.settings(shells.of("settings", "Settings"), settings);
    }

    private static AuditRow auditRow(AuditEntry entry) {
        return new AuditRow(Formats.utc(entry.at()), entry.actor(), entry.action(), entry.targetId(), entry.status());
    }
}
