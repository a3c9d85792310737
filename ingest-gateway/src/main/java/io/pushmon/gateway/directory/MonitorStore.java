package io.pushmon.gateway.directory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.StampedLock;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.ObjectOpenCustomHashSet;

import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.Slugs;

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
    /**
     * (tenant number, hash of the slug) → the records with it: two longs' worth per monitor rather than a string key,
     * and a hash collision costs only a decode of the records that share it.
     */
    private final Long2ObjectOpenHashMap<byte[][]> bySlug = new Long2ObjectOpenHashMap<>();
    /**
     * Tokens rotated away that still work for a while. Few monitors have one at any time, so a plain map: the
     * records' own sets index only the current token.
     */
    private final Map<String, Previous> byPreviousToken = new HashMap<>();

    /** A previous token's monitor record and the first millisecond it is refused at. */
    private record Previous(byte[] record, long validUntilMillis) {
    }

    @Override
    public Optional<MonitorDefinition> get(String key) {
        return find(byKey, MonitorCodec.keyProbe(key));
    }

    /** The monitor with this push token. */
    @Override
    public Optional<MonitorDefinition> getByIndex(String pushToken) {
        return find(byToken, MonitorCodec.tokenProbe(pushToken));
    }

    /**
     * What a push needs of the monitor with this push token, without decoding the rest of its definition: the
     * monitor's current token, or a previous one still valid at {@code nowMillis}.
     */
    Optional<PushTarget> pushTargetByToken(String pushToken, long nowMillis) {
        long stamp = lock.readLock();
        try {
            byte[] record = byToken.get(MonitorCodec.tokenProbe(pushToken));
            if (record == null && !byPreviousToken.isEmpty()) {
                Previous previous = byPreviousToken.get(pushToken);
                record = previous == null || nowMillis >= previous.validUntilMillis() ? null : previous.record();
            }
            return record == null ? Optional.empty() : Optional.of(codec.pushTarget(record));
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** What a push needs of each of the tenant's monitors with this slug: none, one, or several (ambiguous). */
    List<PushTarget> pushTargetsBySlug(String tenantId, String slug) {
        long stamp = lock.readLock();
        try {
            int tenant = codec.tenantNumber(tenantId);
            byte[][] records = tenant < 0 ? null : bySlug.get(slugKey(tenant, slug));
            if (records == null) {
                return List.of();
            }
            List<PushTarget> targets = new ArrayList<>(records.length);
            for (byte[] record : records) {
                MonitorDefinition monitor = codec.decode(record);
                if (Slugs.of(monitor.name()).equals(slug)) {
                    targets.add(PushTarget.of(monitor));
                }
            }
            return targets;
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
            bySlug.compute(slugKey(MonitorCodec.tenantNumberOf(record), Slugs.of(monitor.name())),
                    (slugKey, records) -> records == null ? new byte[][] { record } : append(records, record));
            if (MonitorCodec.hasToken(record)) {
                // The latest monitor written with a token owns it, as a map from token to id would say.
                byToken.remove(record);
                byToken.add(record);
            }
            MonitorDefinition.PreviousToken previous = monitor.previousToken();
            if (previous != null && previous.token() != null && previous.validUntil() != null) {
                byPreviousToken.put(previous.token(), new Previous(record, previous.validUntil().toEpochMilli()));
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
        MonitorDefinition removed = codec.decode(previous);
        long slugKey = slugKey(MonitorCodec.tenantNumberOf(previous), Slugs.of(removed.name()));
        byte[][] sharing = bySlug.get(slugKey);
        if (sharing != null) {
            byte[][] rest = Arrays.stream(sharing).filter(record -> record != previous).toArray(byte[][]::new);
            if (rest.length == 0) {
                bySlug.remove(slugKey);
            } else {
                bySlug.put(slugKey, rest);
            }
        }
        if (MonitorCodec.hasToken(previous) && byToken.get(previous) == previous) {
            byToken.remove(previous);
        }
        MonitorDefinition.PreviousToken token = removed.previousToken();
        if (token != null && token.token() != null) {
            byPreviousToken.computeIfPresent(token.token(), (t, entry) -> entry.record() == previous ? null : entry);
        }
    }

    private static long slugKey(int tenantNumber, String slug) {
        return ((long) tenantNumber << 32) | (slug.hashCode() & 0xFFFF_FFFFL);
    }

    private static byte[][] append(byte[][] records, byte[] record) {
        byte[][] more = Arrays.copyOf(records, records.length + 1);
        more[records.length] = record;
        return more;
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

    /** How many monitors the tenant has, without decoding any. */
    int countForTenant(String tenantId) {
        long stamp = lock.readLock();
        try {
            int tenant = codec.tenantNumber(tenantId);
            int count = 0;
            if (tenant >= 0) {
                for (byte[] record : byKey) {
                    if (MonitorCodec.tenantNumberOf(record) == tenant) {
                        count++;
                    }
                }
            }
            return count;
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
