package io.pushmon.processor.detector;

/** The binary layout of one store's values, behind the format byte {@link StateSerde} writes and checks. */
interface StateCodec<T> {

    Class<T> type();

    /** The format byte this codec writes; it reads every format from 1 up to this one. */
    default int format() {
        return StateSerde.FORMAT_1;
    }

    void write(T value, BinaryWriter out);

    /** Reads a value of {@code format}, between 1 and {@link #format()}. */
    T read(BinaryReader in, int format);
}
