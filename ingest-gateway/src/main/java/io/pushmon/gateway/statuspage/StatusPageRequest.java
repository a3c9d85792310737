package io.pushmon.gateway.statuspage;

import java.util.List;

/**
 * The body of {@code PUT /api/status-page}: the whole settings, as a PUT of a monitor replaces all of its fields.
 *
 * @param enabled    true to publish the page (default false: it answers 404, and its slug stays the tenant's)
 * @param slug       the page's address {@code /status/{slug}}: 3 to 40 characters of a-z, 0-9 and '-', unique
 *                   across tenants; required to enable it
 * @param title      its heading, 1 to 100 characters; the tenant's name when absent
 * @param monitorIds the tenant's monitors to show, in this order, at most 100 (default none)
 */
public record StatusPageRequest(Boolean enabled, String slug, String title, List<String> monitorIds) {
}
