package io.pushmon.common.model;

import java.time.Instant;

/**
 * One management change; the value of the {@code audit} topic, keyed by tenant id. Nothing in it is a secret: the
 * actor is a key id, a user id or the operator, never a credential, and request bodies are not recorded.
 *
 * @param id       unique id of the entry
 * @param tenantId the tenant whose data changed
 * @param at       when the change was acknowledged
 * @param actor    who made it: {@code key:<key id>}, {@code user:<user id>} or {@code operator}
 * @param action   what was done: HTTP method and path, such as {@code POST /api/monitors/{id}/pause} with the id
 * @param targetId the object changed (monitor, channel, key, user or tenant id); null when there is none
 * @param status   the HTTP status the change was answered with
 * @param address  the client address the change came from
 */
public record AuditEntry(String id, String tenantId, Instant at, String actor, String action, String targetId,
        int status, String address) {
}
