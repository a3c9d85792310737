package io.pushmon.gateway.directory;

import java.util.Arrays;

import it.unimi.dsi.fastutil.Hash;

/**
 * Hashing and equality of {@link MonitorCodec} records by the bytes of their key or of their push token, read
 * in place: the hash sets of records need no key object and no entry object per monitor. A probe record that
 * holds only the key (or only the token) finds the full record.
 */
final class MonitorKeys {

    /** Records with the same record key (monitor id). */
    static final Hash.Strategy<byte[]> BY_KEY = new Hash.Strategy<>() {
        @Override
        public int hashCode(byte[] record) {
            return hash(record, 1, MonitorCodec.keyEnd(record));
        }

        @Override
        public boolean equals(byte[] a, byte[] b) {
            if (a == b) {
                return true;
            }
            // fastutil also asks whether an element equals null.
            return a != null && b != null && sameForm(a, b, MonitorCodec.UUID_KEY)
                    && Arrays.equals(a, 1, MonitorCodec.keyEnd(a), b, 1, MonitorCodec.keyEnd(b));
        }
    };

    /** Records with the same push token; only records that have one belong in a set using this. */
    static final Hash.Strategy<byte[]> BY_TOKEN = new Hash.Strategy<>() {
        @Override
        public int hashCode(byte[] record) {
            int start = MonitorCodec.keyEnd(record);
            return hash(record, start, MonitorCodec.tokenEnd(record, start));
        }

        @Override
        public boolean equals(byte[] a, byte[] b) {
            if (a == b) {
                return true;
            }
            if (a == null || b == null || !sameForm(a, b, MonitorCodec.RAW_TOKEN)) {
                return false;
            }
            int startA = MonitorCodec.keyEnd(a);
            int startB = MonitorCodec.keyEnd(b);
            return Arrays.equals(a, startA, MonitorCodec.tokenEnd(a, startA), b, startB,
                    MonitorCodec.tokenEnd(b, startB));
        }
    };

    private MonitorKeys() {
    }

    /** Both encoded the same way (raw bytes or string): equal bytes in different forms are different values. */
    private static boolean sameForm(byte[] a, byte[] b, int flag) {
        return (a[0] & flag) == (b[0] & flag);
    }

    private static int hash(byte[] record, int from, int to) {
        int hash = 1;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + record[i];
        }
        return hash;
    }
}
