package io.pushmon.gateway.badges;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.TenantDefinition;
import io.pushmon.gateway.directory.MonitorDirectory;
import io.pushmon.gateway.directory.TenantDirectory;
import io.pushmon.gateway.incidents.CurrentStatus;
import io.pushmon.gateway.incidents.IncidentLog;
import io.pushmon.gateway.monitors.Tags;

/**
 * What a badge shows: one monitor, the monitors with a tag, or all of a tenant's monitors, found by the tenant's
 * badge key. Everything comes from memory (tenants, monitors, incident log), so a badge costs no Kafka or processor
 * call however often it is fetched.
 */
@ApplicationScoped
public class Badges {

    /** The name in a badge URL that stands for every monitor of the tenant. */
    public static final String ALL = Tags.RESERVED;

    private final TenantDirectory tenants;
    private final MonitorDirectory monitors;
    private final IncidentLog incidents;

    @Inject
    public Badges(TenantDirectory tenants, MonitorDirectory monitors, IncidentLog incidents) {
        this.tenants = tenants;
        this.monitors = monitors;
        this.incidents = incidents;
    }

    /**
     * A badge's content.
     *
     * @param label  what it is about: the monitor's name, the tag, or the tenant's name for all
     * @param status down if any monitor is down, else up if any is watched, else paused
     * @param total  monitors counted
     * @param down   of them down
     * @param paused of them paused (or suspended)
     */
    public record Badge(String label, CurrentStatus status, int total, int down, int paused) {
    }

    /**
     * The badge of {@code name} (a monitor id, a tag or {@link #ALL}) under the badge key. Empty for a key no tenant
     * has, and equally for a monitor or tag that is not that tenant's: a caller cannot tell which part was wrong.
     * A monitor id is tried first, then {@code all}, then a tag.
     */
    public Optional<Badge> find(String badgeKey, String name) {
        if (!BadgeKeys.hasShape(badgeKey)) {
            return Optional.empty();
        }
        return tenants.findByBadgeKey(badgeKey).flatMap(tenant -> find(tenant, name));
    }

    private Optional<Badge> find(TenantDefinition tenant, String name) {
        Optional<MonitorDefinition> monitor = monitors.find(name).filter(m -> tenant.id().equals(m.tenantId()));
        if (monitor.isPresent()) {
            return Optional.of(badge(monitor.get().name(), List.of(monitor.get())));
        }
        if (ALL.equals(name)) {
            return Optional.of(badge(Objects.requireNonNullElse(tenant.name(), tenant.id()),
                    monitors.forTenant(tenant.id())));
        }
        if (!Tags.isTag(name)) {
            return Optional.empty();
        }
        List<MonitorDefinition> tagged = monitors.forTenant(tenant.id()).stream()
                .filter(m -> m.tags().contains(name)).toList();
        return tagged.isEmpty() ? Optional.empty() : Optional.of(badge(name, tagged));
    }

    /** The tags the tenant's monitors have, sorted: one badge each. */
    public static List<String> tagsOf(List<MonitorDefinition> monitors) {
        TreeSet<String> tags = new TreeSet<>();
        monitors.forEach(m -> tags.addAll(m.tags()));
        return List.copyOf(tags);
    }

    private Badge badge(String label, List<MonitorDefinition> covered) {
        List<CurrentStatus> statuses = covered.stream().map(m -> CurrentStatus.of(m, incidents)).toList();
        int down = (int) statuses.stream().filter(s -> s == CurrentStatus.DOWN).count();
        int paused = (int) statuses.stream().filter(s -> s == CurrentStatus.PAUSED).count();
        return new Badge(label, CurrentStatus.ofAll(statuses), statuses.size(), down, paused);
    }
}
