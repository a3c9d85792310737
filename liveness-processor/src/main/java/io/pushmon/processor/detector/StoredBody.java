package io.pushmon.processor.detector;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/** A value of the bodies store: the sequence number of the signal it came with, then the body as received. */
public final class StoredBody {

    private static final int SEQ_BYTES = Long.BYTES;

    private StoredBody() {
    }

    static byte[] encode(long seq, byte[] body) {
        return ByteBuffer.allocate(SEQ_BYTES + body.length).putLong(seq).put(body).array();
    }

    /** The body of signal {@code seq}, if this slot still holds it rather than an older signal's. */
    public static Optional<byte[]> bodyOf(byte[] stored, long seq) {
        if (stored == null || stored.length < SEQ_BYTES || ByteBuffer.wrap(stored).getLong() != seq) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOfRange(stored, SEQ_BYTES, stored.length));
    }
}
