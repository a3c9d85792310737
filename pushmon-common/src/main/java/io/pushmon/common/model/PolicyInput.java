package io.pushmon.common.model;

import java.time.Instant;
import java.util.List;

/**
 * One input of the policy step, the value of {@code policy-inputs}, keyed by tenant id so that one task sees all of
 * a tenant's monitors. Exactly one of the three is set.
 *
 * @param event      a status change, as the detector wrote it to {@code monitor-events}
 * @param membership a monitor's settings the policy needs, written by the detector on every definition change
 * @param ack        an acknowledgement from the gateway's API
 */
public record PolicyInput(MonitorEvent event, Membership membership, Acknowledgement ack) {

    public static PolicyInput of(MonitorEvent event) {
        return new PolicyInput(event, null, null);
    }

    public static PolicyInput of(Membership membership) {
        return new PolicyInput(null, membership, null);
    }

    public static PolicyInput of(Acknowledgement ack) {
        return new PolicyInput(null, null, ack);
    }

    /**
     * A monitor as the policy sees it.
     *
     * @param monitorId  the monitor
     * @param tenantId   its tenant
     * @param name       its name
     * @param tags       its tags (sorted)
     * @param channelIds its channels
     * @param policy     its thresholds and reminders
     * @param inactive   paused or suspended
     * @param deleted    true for a deleted monitor (the other fields but the ids may then be empty)
     */
    public record Membership(String monitorId, String tenantId, String name, List<String> tags,
            List<String> channelIds, AlertPolicy policy, boolean inactive, boolean deleted) {

        public Membership {
            tags = tags == null ? List.of() : List.copyOf(tags);
            channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
            policy = policy == null ? AlertPolicy.DEFAULT : policy;
        }

        public static Membership of(MonitorDefinition definition) {
            return new Membership(definition.id(), definition.tenantId(), definition.name(), definition.tags(),
                    definition.channelIds(), definition.alertPolicy(), definition.inactive(), false);
        }

        public static Membership deleted(String monitorId, String tenantId) {
            return new Membership(monitorId, tenantId, null, List.of(), List.of(), null, false, true);
        }
    }

    /**
     * Someone took an outage on: reminders stop and the channels are told who.
     *
     * @param monitorId the monitor
     * @param tenantId  its tenant
     * @param incident  the incident acknowledged; an acknowledgement of an older one is ignored
     * @param by        the user's email or the API key's name
     * @param at        when
     */
    public record Acknowledgement(String monitorId, String tenantId, long incident, String by, Instant at) {
    }
}
