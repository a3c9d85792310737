package io.pushmon.gateway.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.StampedLock;

import it.unimi.dsi.fastutil.objects.ObjectOpenCustomHashSet;

import io.pushmon.common.model.MonitorDefinition;

/**
 * Every monitor as one {@link MonitorCodec} record, in two open-addressing hash sets that compare records by
 * their key and by their push token ({@link MonitorKeys}): per monitor one byte array and two table slots,
 * where maps of objects cost a key string, a definition, its strings and instants and two map entries.
 *
 * <p>The sets are not thread-safe, so one lock guards them and the codec: pushes read concurrently under the
 * read lock; a write takes the write lock and changes both sets at once, so a reader never sees a token that
 * was rotated away or a deleted monitor.
 */
final class MonitorStore implements CacheStore<MonitorDefinition> {

    private final StampedLock lock = new StampedLock();
    private final MonitorCodec codec = new MonitorCodec();
    private final ObjectOpenCustomHashSet<byte[]> byKey = new ObjectOpenCustomHashSet<>(MonitorKeys.BY_KEY);
    private final ObjectOpenCustomHashSet<byte[]> byToken = new ObjectOpenCustomHashSet<>(MonitorKeys.BY_TOKEN);

    @Override
    public Optional<MonitorDefinition> get(String key) {
        return find(byKey, MonitorCodec.keyProbe(key));
    }

    /** The monitor with this push token. */
    @Override
    public Optional<MonitorDefinition> getByIndex(String pushToken) {
        return find(byToken, MonitorCodec.tokenProbe(pushToken));
    }

    /** What a push needs of the monitor with this push token, without decoding the rest of its definition. */
    Optional<PushTarget> pushTargetByToken(String pushToken) {
        long stamp = lock.readLock();
        try {
            byte[] record = byToken.get(MonitorCodec.tokenProbe(pushToken));
            return record == null ? Optional.empty() : Optional.of(codec.pushTarget(record));
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private Optional<MonitorDefinition> find(ObjectOpenCustomHashSet<byte[]> set, byte[] probe) {
        long stamp = lock.readLock();
        try {
            byte[] record = set.get(probe);
            return record == null ? Optional.empty() : Optional.of(codec.decode(record));
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public void put(String key, MonitorDefinition monitor) {
        long stamp = lock.writeLock();
        try {
            byte[] record = codec.encode(key, monitor);
            removeRecord(record);
            byKey.add(record);
            if (MonitorCodec.hasToken(record)) {
                // The latest monitor written with a token owns it, as a map from token to id would say.
                byToken.remove(record);
                byToken.add(record);
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public void remove(String key) {
        long stamp = lock.writeLock();
        try {
            removeRecord(MonitorCodec.keyProbe(key));
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Removes the record with the probe's key, and its token if no later monitor took the token over. */
    private void removeRecord(byte[] probe) {
        byte[] previous = byKey.get(probe);
        if (previous == null) {
            return;
        }
        byKey.remove(previous);
        if (MonitorCodec.hasToken(previous) && byToken.get(previous) == previous) {
            byToken.remove(previous);
        }
    }

    /** The tenant's monitors, in no particular order. */
    List<MonitorDefinition> forTenant(String tenantId) {
        List<MonitorDefinition> monitors = new ArrayList<>();
        long stamp = lock.readLock();
        try {
            int tenant = codec.tenantNumber(tenantId);
            if (tenant < 0) {
                return monitors;
            }
            // A scan, as the map of objects needed too; only the tenant's records are decoded.
            for (byte[] record : byKey) {
                if (MonitorCodec.tenantNumberOf(record) == tenant) {
                    monitors.add(codec.decode(record));
                }
            }
            return monitors;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public Collection<MonitorDefinition> values() {
        long stamp = lock.readLock();
        try {
            List<MonitorDefinition> monitors = new ArrayList<>(byKey.size());
            byKey.forEach(record -> monitors.add(codec.decode(record)));
            return monitors;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public int size() {
        long stamp = lock.readLock();
        try {
            return byKey.size();
        } finally {
            lock.unlockRead(stamp);
        }
    }
}
