package io.pushmon.gateway.statuspage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.TenantDefinition;
import io.pushmon.common.model.TenantDefinition.StatusPage;
import io.pushmon.gateway.directory.MonitorDirectory;
import io.pushmon.gateway.directory.TenantDirectory;
import io.pushmon.gateway.incidents.CurrentStatus;
import io.pushmon.gateway.incidents.Incident;
import io.pushmon.gateway.incidents.IncidentLog;
import io.pushmon.gateway.incidents.Uptime;
import io.pushmon.gateway.statuspage.StatusPageView.DayBar;
import io.pushmon.gateway.statuspage.StatusPageView.IncidentEntry;
import io.pushmon.gateway.statuspage.StatusPageView.MonitorSection;
import io.pushmon.gateway.statuspage.StatusPageView.UptimeFigure;

/**
 * Builds a tenant's public status page from what every gateway holds in memory: its settings (tenants), the chosen
 * monitors (monitors) and their incidents of 90 days (the incident log). Status is {@link CurrentStatus}'s, with no
 * call to the processor, so a page anyone may load costs no internal request.
 */
@ApplicationScoped
public class StatusPageModel {

    /** Days in the bar: the incident log's window. */
    public static final int DAYS = 90;
    /** Incidents listed per monitor, newest first; a monitor that flaps more shows its latest. */
    public static final int INCIDENTS = 100;

    private static final List<Period> PERIODS = List.of(new Period("24h", Duration.ofHours(24)),
            new Period("7d", Duration.ofDays(7)), new Period("30d", Duration.ofDays(30)),
            new Period("90d", Duration.ofDays(DAYS)));

    private record Period(String name, Duration length) {
    }

    private final TenantDirectory tenants;
    private final MonitorDirectory monitors;
    private final IncidentLog incidents;

    @Inject
    public StatusPageModel(TenantDirectory tenants, MonitorDirectory monitors, IncidentLog incidents) {
        this.tenants = tenants;
        this.monitors = monitors;
        this.incidents = incidents;
    }

    /** The page with this slug as of now; empty when no tenant has it or its page is off. */
    public Optional<StatusPageView> forSlug(String slug) {
        return forSlug(slug, Instant.now());
    }

    Optional<StatusPageView> forSlug(String slug, Instant now) {
        return tenants.findByStatusPageSlug(slug)
                .filter(tenant -> tenant.statusPage().enabled() && slug.equals(tenant.statusPage().slug()))
                .map(tenant -> view(tenant, now));
    }

    private StatusPageView view(TenantDefinition tenant, Instant now) {
        StatusPage page = tenant.statusPage();
        List<MonitorSection> sections = new ArrayList<>();
        List<CurrentStatus> statuses = new ArrayList<>();
        for (String id : page.monitorIds()) {
            // A monitor deleted since the page was set is left out; one of another tenant never is shown.
            Optional<MonitorDefinition> monitor = monitors.find(id).filter(m -> tenant.id().equals(m.tenantId()));
            if (monitor.isPresent()) {
                CurrentStatus status = CurrentStatus.of(monitor.get(), incidents);
                statuses.add(status);
                sections.add(section(monitor.get(), status, now));
            }
        }
        String title = page.title() != null ? page.title() : Objects.requireNonNullElse(tenant.name(), tenant.id());
        return new StatusPageView(title, CurrentStatus.ofAll(statuses).wireName(), now, List.copyOf(sections));
    }

    private MonitorSection section(MonitorDefinition monitor, CurrentStatus status, Instant now) {
        List<Incident> history = incidents.incidents(monitor.id());
        // A definition without a creation time (the topic may hold anything) counts as watched all along.
        Instant createdAt = Objects.requireNonNullElse(monitor.createdAt(), Instant.EPOCH);
        List<UptimeFigure> uptime = PERIODS.stream().map(p -> new UptimeFigure(p.name(),
                ratio(Uptime.ratio(history, createdAt, now.minus(p.length()), now, now)))).toList();
        List<DayBar> days = Uptime.days(history, createdAt, DAYS, now).stream()
                .map(day -> DayBar.of(day.date(), day.watched() ? day.ratio() : null, day.incidents())).toList();
        List<IncidentEntry> listed = new ArrayList<>();
        for (int i = history.size() - 1; i >= 0 && listed.size() < INCIDENTS; i--) {
            Incident incident = history.get(i);
            Instant end = incident.open() ? now : incident.upAt();
            listed.add(new IncidentEntry(incident.downAt(), incident.upAt(),
                    Math.max(0, Duration.between(incident.downAt(), end).toSeconds()),
                    incident.reason() == null ? "unknown" : incident.reason().wireName()));
        }
        return new MonitorSection(monitor.name(), status.wireName(), uptime, days, List.copyOf(listed));
    }

    private static Double ratio(double ratio) {
        return Double.isNaN(ratio) ? null : ratio;
    }
}
