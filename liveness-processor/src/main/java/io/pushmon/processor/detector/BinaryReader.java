package io.pushmon.processor.detector;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.kafka.common.utils.ByteUtils;

/**
 * Reads the fields {@link BinaryWriter} wrote, in the same order. A value that ends early throws
 * {@link BufferUnderflowException}, one that cannot be what a writer wrote {@link IllegalArgumentException};
 * {@link StateSerde} reports both with the store's name.
 */
final class BinaryReader {

    private final ByteBuffer buffer;

    BinaryReader(byte[] value, int offset) {
        buffer = ByteBuffer.wrap(value, offset, value.length - offset);
    }

    int readByte() {
        return buffer.get() & 0xFF;
    }

    /** Flags this reader does not know mean a value it would misread, so they are refused. */
    int readFlags(int known) {
        int flags = readUnsigned();
        if ((flags & ~known) != 0) {
            throw new IllegalArgumentException("unknown flags 0x" + Integer.toHexString(flags & ~known));
        }
        return flags;
    }

    int readUnsigned() {
        return ByteUtils.readUnsignedVarint(buffer);
    }

    int readInt() {
        return ByteUtils.readVarint(buffer);
    }

    long readLong() {
        return ByteUtils.readVarlong(buffer);
    }

    double readDouble() {
        return buffer.getDouble();
    }

    String readText() {
        int tag = readUnsigned();
        if (tag == BinaryWriter.NULL_TEXT) {
            return null;
        }
        if (tag == BinaryWriter.UUID_TEXT) {
            return new UUID(buffer.getLong(), buffer.getLong()).toString();
        }
        int length = tag - BinaryWriter.UTF8_TEXT;
        if (length < 0) {
            throw new IllegalArgumentException("text tag " + Integer.toUnsignedString(tag));
        }
        if (length > buffer.remaining()) {
            throw new BufferUnderflowException();
        }
        String text = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
        buffer.position(buffer.position() + length);
        return text;
    }

    /** A count of list elements, checked against the bytes left so a corrupt count cannot allocate a huge list. */
    int readCount() {
        int count = readUnsigned();
        if (count < 0 || count > buffer.remaining()) {
            throw new BufferUnderflowException();
        }
        return count;
    }

    int remaining() {
        return buffer.remaining();
    }
}
