package io.pushmon.common.model;

import java.time.Instant;
import java.util.Map;

/**
 * A notification channel of a tenant; the value of the compacted {@code channels} topic.
 *
 * @param id        channel id (the record key)
 * @param tenantId  owning tenant
 * @param name      display name
 * @param type      channel kind: webhook, slack, discord, teams, telegram, ntfy, pagerduty, email
 * @param settings  kind-specific settings (url, chat id, recipients...); may hold secrets, never logged
 * @param secret    signing secret (webhooks), nullable
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record ChannelDefinition(String id, String tenantId, String name, String type, Map<String, String> settings,
        String secret, Instant createdAt, Instant updatedAt) {

    public ChannelDefinition {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    @Override
    public String toString() {
        // Settings and secret may carry credentials (webhook keys, bot tokens): keep them out of logs.
        return "ChannelDefinition[id=" + id + ", tenantId=" + tenantId + ", name=" + name + ", type=" + type + "]";
    }
}
