package io.pushmon.gateway.directory;

import java.util.Collection;
import java.util.Optional;

/**
 * Where a {@link CompactedTopicCache} keeps the latest value of each key. The cache calls {@link #put} and
 * {@link #remove} one at a time (it holds its own lock); readers call the rest from any thread, concurrently
 * with a write, and must never see a secondary key pointing at a value that no longer carries it.
 *
 * @param <V> the value type
 */
interface CacheStore<V> {

    Optional<V> get(String key);

    /** The value whose secondary keys include {@code indexKey}. */
    Optional<V> getByIndex(String indexKey);

    /** Sets the key's value, replacing the previous one and its secondary keys. */
    void put(String key, V value);

    void remove(String key);

    /** A snapshot of every value. */
    Collection<V> values();

    int size();
}
