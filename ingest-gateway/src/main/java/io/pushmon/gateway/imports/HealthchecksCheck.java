package io.pushmon.gateway.imports;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pushmon.gateway.errors.ApiException;
import io.pushmon.common.model.Slugs;
import io.pushmon.gateway.monitors.MonitorRequest;
import io.pushmon.gateway.monitors.Tags;
import io.pushmon.gateway.push.PushTokens;

/**
 * One check of a Healthchecks check list ({@code GET /api/v3/checks/}), read as far as pushmon can carry it over.
 * Every field of the check is either mapped onto the monitor, a piece of Healthchecks' own state or API (the
 * status other than paused, counters, timestamps, its API URLs, {@code unique_key}), or, when it holds a value,
 * named in {@link #ignored()}; a field this class does not know, from a later Healthchecks version, counts as
 * ignored too, so nothing is dropped without the report saying so.
 *
 * @param index       position in the list, from 0
 * @param name        the monitor's name: the check's name, or its slug or UUID when Healthchecks has it unnamed
 * @param uuid        the check's UUID, the last segment of {@code ping_url}; null when the list does not give it
 * @param uuidProblem why {@code uuid} is null, for the report; null when it is not
 * @param timeout     a simple check's period in seconds
 * @param schedule    a cron check's schedule, as Healthchecks has it (cron or systemd OnCalendar)
 * @param tz          the zone of {@code schedule}
 * @param grace       grace time in seconds
 * @param paused      true when the check is paused
 * @param tags        the check's space-separated tags that fit pushmon's (lower-cased, see {@link Tags})
 * @param ignored     fields holding settings pushmon does not carry over, in the order of the check; {@code tags}
 *                    when some of its tags do not fit
 */
public record HealthchecksCheck(int index, String name, String uuid, String uuidProblem, Long timeout,
        String schedule, String tz, Long grace, boolean paused, List<String> tags, List<String> ignored) {

    /**
     * Most checks in one import. Each is written to Kafka and acknowledged before the next, so this keeps one
     * request well inside an HTTP client's patience; a bigger project is imported in parts (the import can be
     * re-run, so parts may overlap).
     */
    public static final int MAX_CHECKS = 100;

    private static final String PAUSED = "paused";
    private static final String MANUAL_RESUME = "manual_resume";

    /** Healthchecks' state and API rather than settings of the check: nothing a monitor could take. */
    private static final Set<String> NOT_SETTINGS = Set.of("n_pings", "started", "last_ping", "next_ping",
            "last_duration", "update_url", "pause_url", "resume_url", "unique_key");
    private static final Set<String> MAPPED = Set.of("name", "timeout", "schedule", "tz", "grace", "status",
            "ping_url", "tags");

    /**
     * The checks of a list as Healthchecks answers it: {@code {"checks": [...]}}. A list that is not of that shape
     * is rejected as a whole, before anything is created.
     *
     * @throws ApiException a 400 naming the problem and, for a field, the check it is in
     */
    public static List<HealthchecksCheck> parseList(JsonNode body) {
        if (!(body instanceof ObjectNode object) || !(object.get("checks") instanceof ArrayNode checks)) {
            throw ApiException.badRequest("a Healthchecks check list is required: {\"checks\": [...]}, as "
                    + "GET /api/v3/checks/ answers it");
        }
        if (checks.size() > MAX_CHECKS) {
            throw ApiException.badRequest("at most " + MAX_CHECKS + " checks per import, this list has "
                    + checks.size() + "; import it in parts (see docs/migrating-from-healthchecks.md)");
        }
        List<HealthchecksCheck> parsed = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            if (!(checks.get(i) instanceof ObjectNode check)) {
                throw ApiException.badRequest("checks[" + i + "] must be an object");
            }
            parsed.add(parse(i, check));
        }
        return parsed;
    }

    private static HealthchecksCheck parse(int index, ObjectNode check) {
        String pingUrl = text(index, check, "ping_url");
        String uuid = null;
        String uuidProblem = null;
        if (pingUrl == null) {
            uuidProblem = text(index, check, "unique_key") != null
                    ? "the list was read with a read-only API key, which gives unique_key instead of ping_url, "
                            + "so the check's UUID is not in it; list the checks with a read-write key"
                    : "the check has no ping_url, so its UUID is not known";
        } else {
            // Healthchecks' ping_url is its ping endpoint followed by the UUID, whichever host serves it.
            String last = pingUrl.substring(pingUrl.lastIndexOf('/') + 1);
            if (PushTokens.isCanonicalUuid(last)) {
                uuid = last;
            } else {
                uuidProblem = "ping_url does not end in a check UUID";
            }
        }
        boolean paused = PAUSED.equals(text(index, check, "status"));
        List<String> given = tagsOf(text(index, check, "tags"));
        List<String> tags = Tags.carriedOver(given);
        boolean tagsLost = tags.size() < given.stream().map(t -> t.toLowerCase(Locale.ROOT)).distinct().count();
        return new HealthchecksCheck(index, nameOf(index, check, uuid), uuid, uuidProblem,
                seconds(index, check, "timeout"), text(index, check, "schedule"), text(index, check, "tz"),
                seconds(index, check, "grace"), paused, tags,
                ignored(check, paused, nameOf(index, check, uuid), tagsLost));
    }

    /** Healthchecks keeps a check's tags as one string, separated by spaces. */
    private static List<String> tagsOf(String spaceSeparated) {
        return spaceSeparated == null || spaceSeparated.isBlank() ? List.of()
                : List.of(spaceSeparated.trim().split("\\s+"));
    }

    /**
     * The request that creates this check's monitor, keeping its UUID as the push token. The one place an
     * imported check becomes a {@link MonitorRequest}; channels are Healthchecks' own and do not carry over.
     */
    public MonitorRequest toRequest() {
        return new MonitorRequest(name, timeout, schedule, tz, grace, null, uuid, null, tags);
    }

    /** Healthchecks allows unnamed checks; a monitor needs a name, and the slug or UUID tells it apart. */
    private static String nameOf(int index, ObjectNode check, String uuid) {
        for (String candidate : new String[] {text(index, check, "name"), text(index, check, "slug"), uuid}) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }

    private static List<String> ignored(ObjectNode check, boolean paused, String name, boolean tagsLost) {
        List<String> ignored = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = check.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            if (key.equals("tags") && tagsLost) {
                ignored.add(key);
                continue;
            }
            if (MAPPED.contains(key) || NOT_SETTINGS.contains(key)) {
                continue;
            }
            // The monitor's slug is derived from its name: a slug that equals it carries over, a hand-set one not.
            if (key.equals("slug") && name != null && Slugs.of(name).equals(field.getValue().asText())) {
                continue;
            }
            // A paused monitor stays paused until it is resumed, whatever a push says; a Healthchecks check with
            // manual_resume false would have resumed on its next ping, so that setting is lost either way.
            if (holdsValue(field.getValue()) || (paused && key.equals(MANUAL_RESUME))) {
                ignored.add(key);
            }
        }
        return List.copyOf(ignored);
    }

    /** Healthchecks writes unset settings as "", false or null. */
    private static boolean holdsValue(JsonNode value) {
        return !(value.isNull() || (value.isTextual() && value.asText().isEmpty())
                || (value.isBoolean() && !value.asBoolean()) || (value.isContainerNode() && value.isEmpty()));
    }

    private static String text(int index, ObjectNode check, String field) {
        JsonNode value = check.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("checks[" + index + "]." + field + " must be a string");
        }
        return value.asText();
    }

    private static Long seconds(int index, ObjectNode check, String field) {
        JsonNode value = check.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiException.badRequest("checks[" + index + "]." + field + " must be a whole number of seconds");
        }
        return value.asLong();
    }
}
