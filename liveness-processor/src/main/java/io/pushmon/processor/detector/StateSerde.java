package io.pushmon.processor.detector;

import java.nio.BufferUnderflowException;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import io.pushmon.common.serde.JsonSerde;

/**
 * The value serde of a hot detector store: a format byte, then the fields as its {@link StateCodec} lays them out.
 * Releases before this one wrote JSON, which always starts with '{'; such a value is read with the JSON mapping, so
 * state on disk and in the changelogs survives an upgrade and is rewritten in binary the next time it changes.
 * Writes are in the codec's latest format.
 *
 * <p>Any change of a layout takes the next format byte, and the release that writes it still reads the formats
 * before it. An unknown format, a value cut short or bytes after its end fail with the store's name: a value misread
 * would go on as wrong state (a missed down, a false one), which is worse than a stopped task.
 */
final class StateSerde<T> implements Serde<T> {

    static final byte FORMAT_1 = 1;

    private static final byte JSON_START = '{';

    private final String storeName;
    private final StateCodec<T> codec;
    private final JsonSerde<T> previousRelease;

    StateSerde(String storeName, StateCodec<T> codec) {
        this.storeName = storeName;
        this.codec = codec;
        this.previousRelease = new JsonSerde<>(codec.type());
    }

    byte[] serialize(T value) {
        if (value == null) {
            return null;
        }
        BinaryWriter out = new BinaryWriter();
        out.writeByte(codec.format());
        codec.write(value, out);
        return out.toByteArray();
    }

    T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length == 0) {
            throw failure("empty value", null);
        }
        if (data[0] == JSON_START) {
            return previousRelease.deserialize(topic, data);
        }
        int format = data[0];
        if (format < FORMAT_1 || format > codec.format()) {
            throw failure(String.format("unknown format 0x%02x (this release reads %s and JSON)", format,
                    codec.format() == FORMAT_1 ? "format 0x01" : String.format("formats 0x01 to 0x%02x",
                            codec.format())), null);
        }
        BinaryReader in = new BinaryReader(data, 1);
        T value;
        try {
            value = codec.read(in, format);
        } catch (BufferUnderflowException e) {
            throw failure("truncated value of " + data.length + " bytes (format " + format + ")", e);
        } catch (RuntimeException e) {
            throw failure("malformed value (format " + format + "): " + e.getMessage(), e);
        }
        if (in.remaining() != 0) {
            throw failure(in.remaining() + " bytes after the end of a format " + format + " value", null);
        }
        return value;
    }

    private SerializationException failure(String why, Throwable cause) {
        return new SerializationException(
                "Cannot read " + codec.type().getSimpleName() + " from store " + storeName + ": " + why, cause);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> serialize(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return this::deserialize;
    }
}
