package io.pushmon.gateway.directory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import io.pushmon.common.model.AlertPolicy;
import io.pushmon.common.model.CronSchedule;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.gateway.push.PushTokens;

/**
 * A monitor definition as one byte array, a quarter of the size of the objects it stands for: a gateway holds
 * every monitor, a million of them in a few hundred MB otherwise.
 *
 * <p>Layout: a flags byte; the record key (the monitor id), as 16 bytes when it is a UUID in canonical form,
 * else as a string; the push token, as its 24 random bytes when it has the shape of a generated token, else
 * as a string; the definition's own id only when it differs from the key (the topic may hold anything); the
 * tenant id and each channel id as numbers in {@link InternTable}s; timeout and grace; the two timestamps;
 * the name; for a cron monitor, its expression and time zone; a maximum run time when one is set; then, only for
 * the few monitors that have them, a trailer of extra flags (suspended, previous token, tags, alert policy), the
 * previous token with its end, the tags as numbers in a table of their own (a tenant's monitors repeat a few tags),
 * and an alert policy other than the default as its four numbers. Key and
 * token come first, so {@link MonitorKeys} can hash and compare them in place.
 *
 * <p>Every value has exactly one encoding (a UUID or token not in canonical form is kept as a string), so two
 * strings are equal exactly when their encoded bytes are. Decoding gives back an equal definition.
 *
 * <p>Not thread-safe: encoding interns strings; the owner guards both directions with one lock.
 */
final class MonitorCodec {

    static final int PAUSED = 1;
    static final int UUID_KEY = 2;
    static final int RAW_TOKEN = 4;
    static final int OTHER_ID = 8;
    static final int CREATED = 16;
    static final int UPDATED = 32;
    static final int CRON = 64;
    static final int MAX_RUNTIME = 128;

    /** Trailer flags: the flags byte is full, and few monitors need these. */
    static final int SUSPENDED = 1;
    static final int PREVIOUS_TOKEN = 2;
    static final int TAGS = 4;
    static final int ALERT_POLICY = 8;

    static final int UUID_BYTES = 16;
    static final int TOKEN_BYTES = PushTokens.BYTES;
    private static final Base64.Encoder TOKEN_ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder TOKEN_DECODER = Base64.getUrlDecoder();

    private final InternTable tenants = new InternTable();
    private final InternTable channels = new InternTable();
    private final InternTable tags = new InternTable();

    byte[] encode(String key, MonitorDefinition monitor) {
        boolean otherId = !key.equals(monitor.id());
        int flags = (monitor.paused() ? PAUSED : 0) | (otherId ? OTHER_ID : 0)
                | (monitor.createdAt() != null ? CREATED : 0) | (monitor.updatedAt() != null ? UPDATED : 0)
                | (monitor.cron() != null ? CRON : 0) | (monitor.maxRuntimeSeconds() != 0 ? MAX_RUNTIME : 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        out.write(0);
        flags |= writeKey(out, key);
        flags |= writeToken(out, monitor.pushToken());
        if (otherId) {
            writeString(out, monitor.id());
        }
        writeVarLong(out, monitor.tenantId() == null ? 0 : tenants.intern(monitor.tenantId()) + 1);
        writeVarLong(out, zigZag(monitor.timeoutSeconds()));
        writeVarLong(out, zigZag(monitor.graceSeconds()));
        writeInstant(out, monitor.createdAt());
        writeInstant(out, monitor.updatedAt());
        writeVarLong(out, monitor.channelIds().size());
        for (String channelId : monitor.channelIds()) {
            writeVarLong(out, channels.intern(channelId));
        }
        writeString(out, monitor.name());
        if (monitor.cron() != null) {
            writeString(out, monitor.cron().expression());
            writeString(out, monitor.cron().timeZone());
        }
        if (monitor.maxRuntimeSeconds() != 0) {
            writeVarLong(out, zigZag(monitor.maxRuntimeSeconds()));
        }
        int trailer = (monitor.suspended() ? SUSPENDED : 0) | (monitor.previousToken() != null ? PREVIOUS_TOKEN : 0)
                | (monitor.tags().isEmpty() ? 0 : TAGS)
                | (monitor.alertPolicy().equals(AlertPolicy.DEFAULT) ? 0 : ALERT_POLICY);
        if (trailer != 0) {
            writeVarLong(out, trailer);
            if (monitor.previousToken() != null) {
                writeString(out, monitor.previousToken().token());
                writeInstant(out, monitor.previousToken().validUntil());
            }
            if (!monitor.tags().isEmpty()) {
                writeVarLong(out, monitor.tags().size());
                for (String tag : monitor.tags()) {
                    writeVarLong(out, tags.intern(tag));
                }
            }
            if ((trailer & ALERT_POLICY) != 0) {
                AlertPolicy policy = monitor.alertPolicy();
                writeVarLong(out, policy.failureThreshold());
                writeVarLong(out, policy.recoveryThreshold());
                writeVarLong(out, policy.reminderIntervalSeconds());
                writeVarLong(out, policy.reminderLimit());
            }
        }
        byte[] record = out.toByteArray();
        record[0] = (byte) flags;
        return record;
    }

    MonitorDefinition decode(byte[] record) {
        Reader in = new Reader(record);
        int flags = in.readByte();
        String key = readKey(in, flags);
        String token = (flags & RAW_TOKEN) != 0 ? TOKEN_ENCODER.encodeToString(in.readBytes(TOKEN_BYTES))
                : in.readString();
        String id = (flags & OTHER_ID) != 0 ? in.readString() : key;
        int tenant = (int) in.readVarLong();
        long timeout = unZigZag(in.readVarLong());
        long grace = unZigZag(in.readVarLong());
        Instant createdAt = (flags & CREATED) != 0 ? in.readInstant() : null;
        Instant updatedAt = (flags & UPDATED) != 0 ? in.readInstant() : null;
        String[] channelIds = new String[(int) in.readVarLong()];
        for (int i = 0; i < channelIds.length; i++) {
            channelIds[i] = channels.get((int) in.readVarLong());
        }
        String name = in.readString();
        CronSchedule cron = (flags & CRON) != 0 ? new CronSchedule(in.readString(), in.readString()) : null;
        long maxRuntime = (flags & MAX_RUNTIME) != 0 ? unZigZag(in.readVarLong()) : 0;
        int trailer = in.atEnd() ? 0 : (int) in.readVarLong();
        MonitorDefinition.PreviousToken previous = (trailer & PREVIOUS_TOKEN) != 0
                ? new MonitorDefinition.PreviousToken(in.readString(), in.readInstant()) : null;
        String[] tagNames = new String[(trailer & TAGS) != 0 ? (int) in.readVarLong() : 0];
        for (int i = 0; i < tagNames.length; i++) {
            tagNames[i] = tags.get((int) in.readVarLong());
        }
        AlertPolicy policy = (trailer & ALERT_POLICY) != 0 ? new AlertPolicy((int) in.readVarLong(),
                (int) in.readVarLong(), in.readVarLong(), (int) in.readVarLong()) : AlertPolicy.DEFAULT;
        return new MonitorDefinition(id, tenant == 0 ? null : tenants.get(tenant - 1), name, token, timeout, grace,
                (flags & PAUSED) != 0, Arrays.asList(channelIds), createdAt, updatedAt, cron, maxRuntime,
                (trailer & SUSPENDED) != 0, previous, Arrays.asList(tagNames), policy);
    }

    /**
     * Only what a push needs of its monitor: the id it is keyed by, its tenant and whether it is paused. A push
     * decodes nothing else, so it creates none of the strings, instants and lists of a whole definition (the
     * tenant id is the interned one).
     */
    PushTarget pushTarget(byte[] record) {
        Reader in = new Reader(record);
        int flags = in.readByte();
        if ((flags & OTHER_ID) != 0) {
            // A definition whose id differs from its key (the topic may hold anything): decoded whole.
            return PushTarget.of(decode(record));
        }
        int tenant = tenantNumberOf(record);
        return new PushTarget(readKey(in, flags), tenant == 0 ? null : tenants.get(tenant - 1),
                (flags & PAUSED) != 0);
    }

    private static String readKey(Reader in, int flags) {
        return (flags & UUID_KEY) != 0 ? new UUID(in.readLong(), in.readLong()).toString() : in.readString();
    }

    /** A record holding only this key: enough to look a monitor up by id with {@link MonitorKeys#BY_KEY}. */
    static byte[] keyProbe(String key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(UUID_BYTES + 1);
        out.write(0);
        int flags = writeKey(out, key);
        byte[] probe = out.toByteArray();
        probe[0] = (byte) flags;
        return probe;
    }

    /** A record holding only this token: enough to look a monitor up with {@link MonitorKeys#BY_TOKEN}. */
    static byte[] tokenProbe(String token) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(TOKEN_BYTES + 2);
        out.write(0);
        writeString(out, "");
        int flags = writeToken(out, token);
        byte[] probe = out.toByteArray();
        probe[0] = (byte) flags;
        return probe;
    }

    /** The tenant's number in this codec's records, or -1 if no record ever named it. */
    int tenantNumber(String tenantId) {
        int number = tenants.find(tenantId);
        return number < 0 ? -1 : number + 1;
    }

    /** The number of the record's tenant, without decoding the rest. */
    static int tenantNumberOf(byte[] record) {
        int end = tokenEnd(record, keyEnd(record));
        if ((record[0] & OTHER_ID) != 0) {
            end = stringEnd(record, end);
        }
        return (int) new Reader(record, end).readVarLong();
    }

    static boolean hasToken(byte[] record) {
        return (record[0] & RAW_TOKEN) != 0 || record[keyEnd(record)] != 0;
    }

    /** Where the key ends; it starts after the flags byte. */
    static int keyEnd(byte[] record) {
        return (record[0] & UUID_KEY) != 0 ? 1 + UUID_BYTES : stringEnd(record, 1);
    }

    /** Where the token that starts at {@code start} ends. */
    static int tokenEnd(byte[] record, int start) {
        return (record[0] & RAW_TOKEN) != 0 ? start + TOKEN_BYTES : stringEnd(record, start);
    }

    private static int writeKey(ByteArrayOutputStream out, String key) {
        if (PushTokens.isCanonicalUuid(key)) {
            UUID uuid = UUID.fromString(key);
            writeLong(out, uuid.getMostSignificantBits());
            writeLong(out, uuid.getLeastSignificantBits());
            return UUID_KEY;
        }
        writeString(out, key);
        return 0;
    }

    private static int writeToken(ByteArrayOutputStream out, String token) {
        if (PushTokens.isGeneratedShape(token)) {
            out.writeBytes(TOKEN_DECODER.decode(token));
            return RAW_TOKEN;
        }
        writeString(out, token);
        return 0;
    }

    /**
     * A nullable string: a tag (0 for null, else the byte length shifted left, plus one bit for UTF-16, plus
     * one), then the bytes. UTF-8 unless the string holds a lone surrogate, which UTF-8 cannot carry.
     */
    private static void writeString(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.write(0);
            return;
        }
        boolean utf16 = hasLoneSurrogate(value);
        byte[] bytes = utf16 ? charBytes(value) : value.getBytes(StandardCharsets.UTF_8);
        writeVarLong(out, (((long) bytes.length << 1) | (utf16 ? 1 : 0)) + 1);
        out.writeBytes(bytes);
    }

    private static boolean hasLoneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** The chars as they are, two bytes each: Java's UTF-16 encoders would replace a lone surrogate too. */
    private static byte[] charBytes(String value) {
        byte[] bytes = new byte[value.length() * 2];
        for (int i = 0; i < value.length(); i++) {
            bytes[2 * i] = (byte) (value.charAt(i) >>> 8);
            bytes[2 * i + 1] = (byte) value.charAt(i);
        }
        return bytes;
    }

    private static int stringEnd(byte[] record, int start) {
        Reader in = new Reader(record, start);
        long tag = in.readVarLong();
        return in.position + (tag == 0 ? 0 : (int) ((tag - 1) >>> 1));
    }

    /** Milliseconds when the instant has no finer part (the API's timestamps), else seconds and nanos. */
    private static void writeInstant(ByteArrayOutputStream out, Instant instant) {
        if (instant == null) {
            return;
        }
        long seconds = instant.getEpochSecond();
        if (instant.getNano() % 1_000_000 == 0 && Math.abs(seconds) < (1L << 40)) {
            writeVarLong(out, zigZag(instant.toEpochMilli()) << 1);
        } else {
            writeVarLong(out, zigZag(seconds) << 1 | 1);
            writeVarLong(out, instant.getNano());
        }
    }

    private static void writeLong(ByteArrayOutputStream out, long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
    }

    private static void writeVarLong(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static long zigZag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private static long unZigZag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    private static final class Reader {

        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this(bytes, 0);
        }

        Reader(byte[] bytes, int position) {
            this.bytes = bytes;
            this.position = position;
        }

        int readByte() {
            return bytes[position++] & 0xFF;
        }

        boolean atEnd() {
            return position == bytes.length;
        }

        long readLong() {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = value << 8 | readByte();
            }
            return value;
        }

        byte[] readBytes(int length) {
            byte[] copy = Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return copy;
        }

        long readVarLong() {
            long value = 0;
            for (int shift = 0;; shift += 7) {
                int b = readByte();
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
        }

        String readString() {
            long tag = readVarLong();
            if (tag == 0) {
                return null;
            }
            int length = (int) ((tag - 1) >>> 1);
            int start = position;
            position += length;
            if (((tag - 1) & 1) == 0) {
                return new String(bytes, start, length, StandardCharsets.UTF_8);
            }
            char[] chars = new char[length / 2];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) ((bytes[start + 2 * i] & 0xFF) << 8 | (bytes[start + 2 * i + 1] & 0xFF));
            }
            return new String(chars);
        }

        Instant readInstant() {
            long value = readVarLong();
            if ((value & 1) == 0) {
                return Instant.ofEpochMilli(unZigZag(value >>> 1));
            }
            return Instant.ofEpochSecond(unZigZag(value >>> 1), readVarLong());
        }
    }
}
