package io.pushmon.gateway.maintenance;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pushmon.common.model.MaintenanceWindow.Scope;
import io.pushmon.gateway.errors.ApiException;

/**
 * The body of {@code POST /api/maintenance-windows} and {@code PUT /api/maintenance-windows/{id}}, checked for
 * shape only: which fields go together, and whether the monitor or tag exists, is {@link MaintenanceService}'s.
 *
 * @param name            what the owner calls it
 * @param scope           monitor, tag or tenant
 * @param target          the monitor id or the tag; absent for a tenant
 * @param startsAt        a one-off window's start
 * @param endsAt          a one-off window's end
 * @param cron            a recurring window's starts
 * @param timeZone        the zone {@code cron} is read in
 * @param durationMinutes how long each occurrence of a recurring window lasts
 */
public record MaintenanceRequest(String name, Scope scope, String target, Instant startsAt, Instant endsAt,
        String cron, String timeZone, Integer durationMinutes) {

    /** Longest window name. */
    public static final int MAX_NAME_LENGTH = 100;

    private static final Set<String> FIELDS = Set.of("name", "scope", "target", "startsAt", "endsAt", "cron",
            "timeZone", "durationMinutes");

    public static MaintenanceRequest parse(JsonNode body) {
        if (!(body instanceof ObjectNode object)) {
            throw ApiException.badRequest("a JSON object is required, e.g. {\"name\":\"db upgrade\",\"scope\":"
                    + "\"tenant\",\"startsAt\":\"2026-12-01T22:00:00Z\",\"endsAt\":\"2026-12-01T23:00:00Z\"}");
        }
        for (Iterator<String> it = object.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw ApiException.badRequest("unknown field '" + field + "'");
            }
        }
        String name = text(object, "name");
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME_LENGTH) {
            throw ApiException.badRequest("name is required, 1 to " + MAX_NAME_LENGTH + " characters");
        }
        return new MaintenanceRequest(name.strip(), scope(text(object, "scope")), text(object, "target"),
                instant(object, "startsAt"), instant(object, "endsAt"), text(object, "cron"),
                text(object, "timeZone"), integer(object, "durationMinutes"));
    }

    private static Scope scope(String value) {
        if (value == null) {
            throw ApiException.badRequest("scope is required: monitor, tag or tenant");
        }
        try {
            return Scope.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("scope must be monitor, tag or tenant, not '" + value + "'");
        }
    }

    private static String text(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(field + " must be a string");
        }
        return value.asText();
    }

    private static Instant instant(ObjectNode object, String field) {
        String value = text(object, field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field + " must be an ISO-8601 instant such as 2026-12-01T22:00:00Z");
        }
    }

    private static Integer integer(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ApiException.badRequest(field + " must be a whole number");
        }
        return value.intValue();
    }
}
