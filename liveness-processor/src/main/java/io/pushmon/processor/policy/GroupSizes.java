package io.pushmon.processor.policy;

import java.util.List;
import java.util.Objects;

import org.apache.kafka.streams.state.KeyValueStore;

import io.pushmon.common.model.PolicyInput;

/**
 * How many active monitors each group of a tenant has, kept up to date from membership changes so that a down does
 * not scan the tenant's monitors. A monitor's group is its first tag (tags are sorted), or {@code *} without tags.
 */
final class GroupSizes {

    /** The group of a tenant's untagged monitors. */
    static final String UNTAGGED = "*";

    private final KeyValueStore<String, Long> sizes;

    GroupSizes(KeyValueStore<String, Long> sizes) {
        this.sizes = sizes;
    }

    static String groupKey(List<String> tags) {
        return tags.isEmpty() ? UNTAGGED : tags.get(0);
    }

    long size(String tenantId, String groupKey) {
        Long size = sizes.get(PolicyStore.key(tenantId, groupKey));
        return size == null ? 0 : size;
    }

    /** A monitor's membership changed from {@code before} to {@code after} (either null when absent or inactive). */
    void changed(String tenantId, PolicyInput.Membership before, PolicyInput.Membership after) {
        String from = counted(before);
        String to = counted(after);
        if (Objects.equals(from, to)) {
            return;
        }
        if (from != null) {
            add(tenantId, from, -1);
        }
        if (to != null) {
            add(tenantId, to, 1);
        }
    }

    private static String counted(PolicyInput.Membership member) {
        return member == null || member.deleted() || member.inactive() ? null : groupKey(member.tags());
    }

    private void add(String tenantId, String groupKey, long delta) {
        String key = PolicyStore.key(tenantId, groupKey);
        long next = Math.max(0, size(tenantId, groupKey) + delta);
        if (next == 0) {
            sizes.delete(key);
        } else {
            sizes.put(key, next);
        }
    }
}
