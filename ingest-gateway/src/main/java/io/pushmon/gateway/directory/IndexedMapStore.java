package io.pushmon.gateway.directory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values in a concurrent map, with a second concurrent map from derived keys (a push token, an API key hash)
 * to the primary key. Simple and general; fine for the small directories (tenants, channels).
 *
 * @param <V> the value type
 */
final class IndexedMapStore<V> implements CacheStore<V> {

    private final Function<V, Collection<String>> indexKeys;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final Map<String, String> index = new ConcurrentHashMap<>();

    /** @param indexKeys derives the secondary keys of a value; {@code v -> List.of()} for no index */
    IndexedMapStore(Function<V, Collection<String>> indexKeys) {
        this.indexKeys = indexKeys;
    }

    @Override
    public Optional<V> get(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(values.get(key));
    }

    @Override
    public Optional<V> getByIndex(String indexKey) {
        String key = indexKey == null ? null : index.get(indexKey);
        if (key == null) {
            return Optional.empty();
        }
        // Index and values are two maps: re-check, so a lookup racing an update never returns a value
        // that no longer carries this secondary key (a rotated token must stop working at once).
        return get(key).filter(value -> indexKeys.apply(value).contains(indexKey));
    }

    @Override
    public void put(String key, V value) {
        replace(key, value, values.put(key, value));
    }

    @Override
    public void remove(String key) {
        replace(key, null, values.remove(key));
    }

    private void replace(String key, V value, V previous) {
        Collection<String> added = value == null ? List.of() : indexKeys.apply(value);
        // Add before removing: readers do not lock, and a secondary key that the old and the new value share
        // (the API key of a tenant whose other key changed) must not vanish for an instant.
        added.forEach(indexKey -> index.put(indexKey, key));
        if (previous != null) {
            indexKeys.apply(previous).stream().filter(indexKey -> !added.contains(indexKey))
                    .forEach(indexKey -> index.remove(indexKey, key));
        }
    }

    @Override
    public Collection<V> values() {
        return List.copyOf(values.values());
    }

    @Override
    public int size() {
        return values.size();
    }
}
