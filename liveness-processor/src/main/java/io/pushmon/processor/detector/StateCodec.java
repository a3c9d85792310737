package io.pushmon.processor.detector;

/** The binary layout of one store's values, behind the format byte {@link StateSerde} writes and checks. */
interface StateCodec<T> {

    Class<T> type();

    void write(T value, BinaryWriter out);

    T read(BinaryReader in);
}
