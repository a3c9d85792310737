package io.pushmon.gateway.channels;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.pushmon.common.channels.ChannelSettings;
import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.gateway.audit.Audited;

/**
 * A channel as the API shows it, in the shape it was created with (settings as flat fields). Secret settings
 * are masked; the signing secret is present only in the answer that created or rotated it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "name", "type", "secret", "createdAt", "updatedAt"})
public record ChannelView(String id, String name, String type, String secret, Instant createdAt, Instant updatedAt,
        @JsonIgnore Map<String, String> settings) implements Audited {

    /** The settings as top-level fields, as they were sent. */
    @JsonAnyGetter
    public Map<String, String> settingFields() {
        return settings;
    }

    static ChannelView of(ChannelDefinition channel, boolean withSecret) {
        return new ChannelView(channel.id(), channel.name(), channel.type(), withSecret ? channel.secret() : null,
                channel.createdAt(), channel.updatedAt(),
                new LinkedHashMap<>(ChannelSettings.masked(channel.type(), channel.settings())));
    }

    @Override
    public String toString() {
        return "ChannelView[id=" + id + ", type=" + type + "]";
    }
}
