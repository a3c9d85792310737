package io.pushmon.gateway.channels;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pushmon.gateway.errors.ApiException;

/**
 * The body of {@code POST /api/channels} and {@code PUT /api/channels/{id}}: {@code name}, {@code type} and
 * the settings of that kind as flat fields, e.g. {@code {"name":"ops","type":"webhook","url":"https://..."}}.
 * Which settings a kind takes is {@code ChannelKind}'s business; this only checks the JSON's shape.
 */
public record ChannelRequest(String name, String type, Map<String, String> settings) {

    /** Longest channel name. */
    public static final int MAX_NAME_LENGTH = 100;

    public static ChannelRequest parse(JsonNode body) {
        if (!(body instanceof ObjectNode object)) {
            throw ApiException.badRequest("a JSON object is required, e.g. {\"name\":\"ops\",\"type\":\"webhook\","
                    + "\"url\":\"https://example.org/hook\"}");
        }
        String name = text(object, "name");
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw ApiException.badRequest("name is required, 1 to " + MAX_NAME_LENGTH + " characters");
        }
        String type = text(object, "type");
        Map<String, String> settings = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("name") || field.getKey().equals("type")) {
                continue;
            }
            JsonNode value = field.getValue();
            // Chat ids are numbers to Telegram users; everything else a kind takes is text.
            if (!value.isTextual() && !value.isIntegralNumber()) {
                throw ApiException.badRequest(field.getKey() + " must be a string");
            }
            settings.put(field.getKey(), value.asText());
        }
        return new ChannelRequest(name.strip(), type, settings);
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

    @Override
    public String toString() {
        // Settings hold credentials (webhook URLs with keys, bot tokens).
        return "ChannelRequest[name=" + name + ", type=" + type + "]";
    }
}
