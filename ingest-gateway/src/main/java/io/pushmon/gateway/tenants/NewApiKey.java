package io.pushmon.gateway.tenants;

import java.time.Instant;
import io.pushmon.gateway.audit.Audited;

/**
 * A key just created: the only time the key itself is shown.
 *
 * @param id        public id, for listing and revoking
 * @param key       the secret to send as {@code Authorization: Bearer <key>}
 * @param readOnly  true if it may only read
 * @param createdAt creation time
 */
public record NewApiKey(String id, String key, boolean readOnly, Instant createdAt) implements Audited {

    @Override
    public String toString() {
        return "NewApiKey[id=" + id + ", readOnly=" + readOnly + "]";
    }
}
