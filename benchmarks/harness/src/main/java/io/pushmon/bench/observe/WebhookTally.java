package io.pushmon.bench.observe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pushmon.system.WebhookReceiver.Delivery;

/**
 * The down notifications a webhook sink received, per monitor: the first arrival, and how many arrived again with
 * an idempotency key already seen (a redelivery the receiver would have to drop).
 */
public record WebhookTally(Map<String, Long> firstDelayMillis, long duplicates, long unsigned) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Tallies the {@code monitor.down} deliveries for these monitors; others are ignored. */
    public static WebhookTally of(List<Delivery> deliveries, Set<String> monitorIds, String secret) {
        Map<String, Long> first = new HashMap<>();
        Map<String, Integer> byKey = new HashMap<>();
        long unsigned = 0;
        for (Delivery delivery : deliveries) {
            if (!"monitor.down".equals(delivery.header("X-Pushmon-Event"))) {
                continue;
            }
            JsonNode body = parse(delivery.body());
            String monitorId = body.path("monitorId").asText();
            if (!monitorIds.contains(monitorId)) {
                continue;
            }
            if (!delivery.signedWith(secret)) {
                unsigned++;
            }
            byKey.merge(delivery.header("Idempotency-Key"), 1, Integer::sum);
            long delay = delivery.receivedAt().toEpochMilli() - Instant.parse(body.path("at").asText()).toEpochMilli();
            first.merge(monitorId, delay, Math::min);
        }
        long duplicates = byKey.values().stream().mapToLong(n -> n - 1L).sum();
        return new WebhookTally(first, duplicates, unsigned);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("a webhook body that is not JSON", e);
        }
    }
}
