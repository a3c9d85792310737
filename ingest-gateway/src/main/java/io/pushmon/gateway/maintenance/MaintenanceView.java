package io.pushmon.gateway.maintenance;

import java.time.Instant;
import java.util.Locale;

import io.pushmon.common.model.MaintenanceWindow;
import io.pushmon.gateway.audit.Audited;

/**
 * A maintenance window as the API shows it, with where it stands now.
 *
 * @param id              window id
 * @param name            its name
 * @param scope           {@code monitor}, {@code tag} or {@code tenant}
 * @param target          the monitor id or the tag; null for the tenant
 * @param startsAt        a one-off window's start (null for a recurring one)
 * @param endsAt          a one-off window's end
 * @param cron            a recurring window's starts (null for a one-off one)
 * @param timeZone        the zone of {@code cron}
 * @param durationMinutes how long each occurrence of a recurring window lasts
 * @param createdAt       when it was created
 * @param active          true while the window is open
 * @param activeUntil     while open, when the current occurrence ends
 * @param nextStart       the next start after now, if there is one
 */
public record MaintenanceView(String id, String name, String scope, String target, Instant startsAt, Instant endsAt,
        String cron, String timeZone, Long durationMinutes, Instant createdAt, boolean active, Instant activeUntil,
        Instant nextStart) implements Audited {

    public static MaintenanceView of(MaintenanceWindow window, Instant now) {
        Instant openUntil = window.openUntil(now).orElse(null);
        boolean recurring = window.schedule() != null;
        return new MaintenanceView(window.id(), window.name(), window.scope().name().toLowerCase(Locale.ROOT),
                window.target(), window.startsAt(), window.endsAt(),
                recurring ? window.schedule().expression() : null, recurring ? window.schedule().timeZone() : null,
                recurring ? window.durationSeconds() / 60 : null, window.createdAt(), openUntil != null, openUntil,
                window.nextStartAfter(now).orElse(null));
    }
}
