package io.pushmon.processor.detector;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import org.apache.kafka.common.utils.ByteUtils;

/**
 * Appends the fields of a binary state value; {@link BinaryReader} reads them back. Integers are Kafka's varints
 * (zig-zag for signed ones, as in its record batches): a count or a small number takes one byte, a time in epoch
 * millis six (seven after 2039). Text is a varint tag, then its bytes: 0 for null, 1 for a UUID in canonical form
 * (the 16 bytes follow), otherwise 2 + the length of the UTF-8 that follows. Monitor, channel and run ids are such
 * UUIDs, and as 36 characters each they would be most of a typical state.
 */
final class BinaryWriter {

    static final int NULL_TEXT = 0;
    static final int UUID_TEXT = 1;
    static final int UTF8_TEXT = 2;

    private static final int UUID_LENGTH = 36;

    private ByteBuffer buffer = ByteBuffer.allocate(128);

    void writeByte(int value) {
        room(1);
        buffer.put((byte) value);
    }

    void writeUnsigned(int value) {
        room(5);
        ByteUtils.writeUnsignedVarint(value, buffer);
    }

    void writeInt(int value) {
        room(5);
        ByteUtils.writeVarint(value, buffer);
    }

    void writeLong(long value) {
        room(10);
        ByteUtils.writeVarlong(value, buffer);
    }

    void writeDouble(double value) {
        room(8);
        buffer.putDouble(value);
    }

    void writeText(String text) {
        if (text == null) {
            writeUnsigned(NULL_TEXT);
        } else if (isCanonicalUuid(text)) {
            UUID uuid = UUID.fromString(text);
            room(17);
            buffer.put((byte) UUID_TEXT);
            buffer.putLong(uuid.getMostSignificantBits());
            buffer.putLong(uuid.getLeastSignificantBits());
        } else {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            writeUnsigned(UTF8_TEXT + utf8.length);
            room(utf8.length);
            buffer.put(utf8);
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private void room(int bytes) {
        if (buffer.remaining() < bytes) {
            ByteBuffer larger = ByteBuffer.allocate(Math.max(2 * buffer.capacity(), buffer.position() + bytes));
            larger.put(buffer.flip());
            buffer = larger;
        }
    }

    /**
     * Exactly what {@link UUID#toString()} produces, so the reader gives back the same string; a UUID in capitals or
     * without its dashes stays text.
     */
    private static boolean isCanonicalUuid(String text) {
        if (text.length() != UUID_LENGTH) {
            return false;
        }
        for (int i = 0; i < UUID_LENGTH; i++) {
            char c = text.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
