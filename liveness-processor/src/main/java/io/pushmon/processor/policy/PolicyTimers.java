package io.pushmon.processor.policy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Things the policy must look at again later, in due order: keys are {@code due (8 bytes) ‖ kind (1 byte) ‖ tenant ‖
 * 0x00 ‖ id}, so what is due is a range scan that reads only due entries. Entries may be stale; whoever fires one
 * checks it against the state first, as the detector does with its deadlines.
 */
final class PolicyTimers {

    private static final byte[] PRESENT = new byte[0];

    /** What a timer is for. */
    enum Kind {
        REMINDER('R'), GROUP_CLOSE('G'), GROUP_JOINS('J'), MAINTENANCE_END('M'), STORM_CONFIRM('S');

        private final byte code;

        Kind(char code) {
            this.code = (byte) code;
        }

        static Kind of(byte code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown timer kind " + code);
        }
    }

    /** One due timer. */
    record Timer(long due, Kind kind, String tenantId, String id) {
    }

    private final KeyValueStore<Bytes, byte[]> store;

    PolicyTimers(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    void add(long due, Kind kind, String tenantId, String id) {
        store.put(key(due, kind, tenantId, id), PRESENT);
    }

    void remove(Timer timer) {
        store.delete(key(timer.due(), timer.kind(), timer.tenantId(), timer.id()));
    }

    /** Up to {@code limit} timers due at or before {@code now}, copied out of a closed iterator. */
    List<Timer> due(long now, int limit) {
        List<Timer> due = new ArrayList<>();
        Bytes to = Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(now + 1).array());
        try (KeyValueIterator<Bytes, byte[]> it = store.range(null, to)) {
            while (it.hasNext() && due.size() < limit) {
                due.add(timer(it.next().key.get()));
            }
        }
        return due;
    }

    private static Bytes key(long due, Kind kind, String tenantId, String id) {
        byte[] tail = (tenantId + '\0' + id).getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + 1 + tail.length).putLong(due).put(kind.code).put(tail)
                .array());
    }

    private static Timer timer(byte[] raw) {
        long due = ByteBuffer.wrap(raw, 0, Long.BYTES).getLong();
        Kind kind = Kind.of(raw[Long.BYTES]);
        String tail = new String(raw, Long.BYTES + 1, raw.length - Long.BYTES - 1, StandardCharsets.UTF_8);
        int split = tail.indexOf('\0');
        return new Timer(due, kind, tail.substring(0, split), tail.substring(split + 1));
    }
}
