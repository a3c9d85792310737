package io.pushmon.gateway.directory;

import java.util.Arrays;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;

/**
 * Strings that many monitors repeat (tenant ids, channel ids), each kept once and named by a small number.
 * Append-only: a number, once handed out, names its string for the life of the table, so records holding it
 * never need rewriting. The table only grows with the distinct strings ever seen, a few per tenant. Not
 * thread-safe: the owner guards it with its own lock.
 */
final class InternTable {

    private final Object2IntOpenHashMap<String> numbers = new Object2IntOpenHashMap<>();
    private String[] strings = new String[16];

    InternTable() {
        numbers.defaultReturnValue(-1);
    }

    /** The string's number, adding it if new. */
    int intern(String value) {
        int number = numbers.getInt(value);
        if (number < 0) {
            number = numbers.size();
            if (number == strings.length) {
                strings = Arrays.copyOf(strings, number * 2);
            }
            strings[number] = value;
            numbers.put(value, number);
        }
        return number;
    }

    /** The string's number, or -1 if it was never interned. */
    int find(String value) {
        return numbers.getInt(value);
    }

    String get(int number) {
        return strings[number];
    }

    int size() {
        return numbers.size();
    }
}
