package io.pushmon.common.serde;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.PushStatus;

/**
 * The wire format of {@code heartbeats}: the hottest record of the system (one per push, read once by the
 * processor), so it is a compact binary encoding rather than JSON. A record starts with a format byte; JSON
 * records written by older gateways start with '{' and are still read.
 *
 * <p>Formats 1 and 2, all integers big-endian:
 * <pre>
 *   byte    format = 1, or 2 for the signals a format-1 reader does not know (start, log)
 *   byte    kind: 0 push, 1 tick
 *   byte    status: 0 none, 1 up, 2 down, 3 start (format 2), 4 log (format 2)
 *   byte    presence flags: 1 msg, 2 value, 4 clientIp, 8 userAgent, 16 exitStatus, 32 rid, 64 body
 *   int64   receivedAt (epoch millis, gateway clock)
 *   float64 value                      if flag 2
 *   string  msg, clientIp, userAgent   each if its flag is set, in this order: unsigned varint length, UTF-8
 *   byte    exitStatus 0..255          if flag 16
 *   int64   rid, most then least significant bits of the UUID, if flag 32
 *   bytes   body: unsigned varint length, the bytes as received, if flag 64
 * </pre>
 * How it evolves: a new optional field takes the next flag bit and is appended after the existing ones, so a
 * reader of this version stops before it and ignores flags it does not know; the run fields (16, 32, 64) came that
 * way, and a format-1 reader sees a failed run with an exit status as the down push it also is. A change that an
 * old reader cannot skip takes a new format byte; an old reader then fails on the record, which the processor logs
 * and skips. That is why start and log are format 2: a format-1 reader would take an unknown status for a success.
 */
public final class HeartbeatSerde implements Serde<Heartbeat> {

    /** The format byte this class writes. */
    public static final byte FORMAT_1 = 1;
    /** The format of start and log signals. */
    public static final byte FORMAT_2 = 2;

    private static final byte JSON_START = '{';
    private static final int FIXED_BYTES = 12;
    private static final int HAS_MSG = 1;
    private static final int HAS_VALUE = 2;
    private static final int HAS_CLIENT_IP = 4;
    private static final int HAS_USER_AGENT = 8;
    private static final int HAS_EXIT_STATUS = 16;
    private static final int HAS_RID = 32;
    private static final int HAS_BODY = 64;

    private final JsonSerde<Heartbeat> legacyJson = new JsonSerde<>(Heartbeat.class);

    public byte[] serialize(String topic, Heartbeat heartbeat) {
        if (heartbeat == null) {
            return null;
        }
        byte[] msg = utf8(heartbeat.msg());
        byte[] clientIp = utf8(heartbeat.clientIp());
        byte[] userAgent = utf8(heartbeat.userAgent());
        UUID rid = heartbeat.rid() == null ? null : UUID.fromString(heartbeat.rid());
        byte[] body = heartbeat.body();
        int flags = (msg != null ? HAS_MSG : 0) | (heartbeat.value() != null ? HAS_VALUE : 0)
                | (clientIp != null ? HAS_CLIENT_IP : 0) | (userAgent != null ? HAS_USER_AGENT : 0)
                | (heartbeat.exitStatus() != null ? HAS_EXIT_STATUS : 0) | (rid != null ? HAS_RID : 0)
                | (body != null ? HAS_BODY : 0);
        int size = FIXED_BYTES + (heartbeat.value() != null ? 8 : 0) + sized(msg) + sized(clientIp) + sized(userAgent)
                + (heartbeat.exitStatus() != null ? 1 : 0) + (rid != null ? 16 : 0) + sized(body);
        Writer out = new Writer(size);
        out.put(needsFormat2(heartbeat.status()) ? FORMAT_2 : FORMAT_1);
        out.put((byte) (heartbeat.kind() == Heartbeat.Kind.TICK ? 1 : 0));
        out.put(PushStatus.codeOf(heartbeat.status()));
        out.put((byte) flags);
        out.putLong(heartbeat.receivedAt());
        if (heartbeat.value() != null) {
            out.putLong(Double.doubleToRawLongBits(heartbeat.value()));
        }
        out.putString(msg);
        out.putString(clientIp);
        out.putString(userAgent);
        if (heartbeat.exitStatus() != null) {
            out.put((byte) (int) heartbeat.exitStatus());
        }
        if (rid != null) {
            out.putLong(rid.getMostSignificantBits());
            out.putLong(rid.getLeastSignificantBits());
        }
        out.putString(body);
        return out.bytes;
    }

    public Heartbeat deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > 0 && data[0] == JSON_START) {
            return legacyJson.deserialize(topic, data);
        }
        if (data.length < FIXED_BYTES || (data[0] != FORMAT_1 && data[0] != FORMAT_2)) {
            throw new SerializationException("Cannot read a Heartbeat from topic " + topic + ": "
                    + (data.length == 0 ? "empty record" : "unknown format " + data[0]));
        }
        try {
            Reader in = new Reader(data);
            Heartbeat.Kind kind = kind(in.get(), topic);
            PushStatus status = status(in.get(), data[0], topic);
            int flags = in.get();
            long receivedAt = in.getLong();
            Double value = (flags & HAS_VALUE) != 0 ? Double.longBitsToDouble(in.getLong()) : null;
            String msg = (flags & HAS_MSG) != 0 ? in.getString() : null;
            String clientIp = (flags & HAS_CLIENT_IP) != 0 ? in.getString() : null;
            String userAgent = (flags & HAS_USER_AGENT) != 0 ? in.getString() : null;
            Integer exitStatus = (flags & HAS_EXIT_STATUS) != 0 ? in.get() : null;
            String rid = (flags & HAS_RID) != 0 ? new UUID(in.getLong(), in.getLong()).toString() : null;
            byte[] body = (flags & HAS_BODY) != 0 ? in.getBytes() : null;
            return new Heartbeat(kind, status, msg, value, clientIp, userAgent, receivedAt, exitStatus, rid, body);
        } catch (ArrayIndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new SerializationException("Cannot read a Heartbeat from topic " + topic + ": truncated record");
        }
    }

    /** A kind this reader does not know is refused, not guessed: a new signal misread as a push would hide a failure. */
    private static Heartbeat.Kind kind(int code, String topic) {
        return switch (code) {
            case 0 -> Heartbeat.Kind.PUSH;
            case 1 -> Heartbeat.Kind.TICK;
            default -> throw new SerializationException("Cannot read a Heartbeat from topic " + topic
                    + ": unknown kind " + code);
        };
    }

    private static boolean needsFormat2(PushStatus status) {
        return status == PushStatus.START || status == PushStatus.LOG;
    }

    /** Like an unknown kind, a status the record's format does not define is refused, never read as a success. */
    private static PushStatus status(int code, byte format, String topic) {
        if (code > PushStatus.codeOf(PushStatus.DOWN) && format != FORMAT_2) {
            return unknownStatus(code, topic);
        }
        try {
            return PushStatus.ofCode(code);
        } catch (IllegalArgumentException unknown) {
            return unknownStatus(code, topic);
        }
    }

    private static PushStatus unknownStatus(int code, String topic) {
        throw new SerializationException("Cannot read a Heartbeat from topic " + topic + ": unknown status " + code);
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static int sized(byte[] string) {
        return string == null ? 0 : varintLength(string.length) + string.length;
    }

    private static int varintLength(int value) {
        int length = 1;
        while ((value >>>= 7) != 0) {
            length++;
        }
        return length;
    }

    private static final class Writer {
        private final byte[] bytes;
        private int position;

        Writer(int size) {
            bytes = new byte[size];
        }

        void put(byte b) {
            bytes[position++] = b;
        }

        void putLong(long value) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[position++] = (byte) (value >>> shift);
            }
        }

        void putString(byte[] utf8) {
            if (utf8 == null) {
                return;
            }
            int length = utf8.length;
            while ((length & ~0x7F) != 0) {
                bytes[position++] = (byte) ((length & 0x7F) | 0x80);
                length >>>= 7;
            }
            bytes[position++] = (byte) length;
            System.arraycopy(utf8, 0, bytes, position, utf8.length);
            position += utf8.length;
        }
    }

    private static final class Reader {
        private final byte[] bytes;
        private int position;

        /** Positioned after the format byte, which the caller has checked. */
        Reader(byte[] bytes) {
            this.bytes = bytes;
            this.position = 1;
        }

        int get() {
            return bytes[position++] & 0xFF;
        }

        long getLong() {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = value << 8 | (bytes[position++] & 0xFF);
            }
            return value;
        }

        String getString() {
            int length = getLength();
            String text = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return text;
        }

        byte[] getBytes() {
            int length = getLength();
            byte[] copy = Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return copy;
        }

        private int getLength() {
            int length = 0;
            int shift = 0;
            int b;
            do {
                if (shift > 28) {
                    throw new NegativeArraySizeException("varint too long");
                }
                b = get();
                length |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            if (length < 0 || length > bytes.length - position) {
                throw new ArrayIndexOutOfBoundsException("string beyond the record");
            }
            return length;
        }
    }

    @Override
    public Serializer<Heartbeat> serializer() {
        return this::serialize;
    }

    @Override
    public Deserializer<Heartbeat> deserializer() {
        return this::deserialize;
    }
}
