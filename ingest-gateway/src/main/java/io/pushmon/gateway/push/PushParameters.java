package io.pushmon.gateway.push;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.PushStatus;
import io.pushmon.gateway.errors.ApiException;

/**
 * What a push says, read strictly from the raw query string and the raw form body. Decoding is done here
 * rather than by the framework because lenient decoders guess: they replace bad UTF-8 with U+FFFD and pass
 * on half a percent escape, and a guessed message or number is worse than a 400 the sender can fix.
 *
 * <p>An empty value counts as absent: Uptime Kuma's push URL ends in {@code &ping=}. Parameters other than
 * status, msg, value, ping, exit and rid are ignored, so cache-busting parameters do not break a push.
 *
 * @param status     what the job reports, {@code up} when not given
 * @param msg        the message, at most {@value Heartbeat#MAX_MSG_LENGTH} characters, or null
 * @param value      a finite number, or null
 * @param exitStatus the job's exit status 0..255, or null; it decides {@code status}
 * @param rid        the run id, a UUID in lower case, or null
 * @param create     a slug ping's {@code create=1}: make the monitor if none has the slug
 */
public record PushParameters(PushStatus status, String msg, Double value, Integer exitStatus, String rid,
        boolean create) {

    private static final Set<String> KNOWN = Set.of("status", "msg", "value", "ping", "exit", "rid");
    private static final Set<String> PING_KNOWN = Set.of("rid", "create");
    private static final Pattern UUID_SHAPE = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern EXIT_STATUS = Pattern.compile("\\d{1,3}");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final int MAX_NUMBER_LENGTH = 64;

    /**
     * Parses and validates a push.
     *
     * @param rawQuery the query string as received, still percent-encoded; may be null
     * @param rawForm  an {@code application/x-www-form-urlencoded} body as received; may be null
     * @throws ApiException a 400 naming the first bad parameter
     */
    public static PushParameters parse(String rawQuery, byte[] rawForm) {
        Map<String, String> given = new HashMap<>();
        collect(rawQuery, given, KNOWN);
        if (rawForm != null && rawForm.length > 0) {
            // ISO-8859-1 maps every byte to one char, so the bytes survive untouched until decoding.
            collect(new String(rawForm, StandardCharsets.ISO_8859_1), given, KNOWN);
        }
        String msg = parseMsg(given.get("msg"));
        Double value = parseNumber("value", given.get("value"));
        Double ping = parseNumber("ping", given.get("ping"));
        if (value != null && ping != null && !value.equals(ping)) {
            throw ApiException.badRequest("value and ping are both given and differ; send one of them");
        }
        Integer exitStatus = parseExitStatus(given.get("exit"), "exit must be a whole number from 0 to 255");
        PushStatus status;
        if (exitStatus != null) {
            if (given.get("status") != null && !given.get("status").isEmpty()) {
                throw ApiException.badRequest("give status or exit, not both: exit 0 is up, any other down");
            }
            status = exitStatus == 0 ? PushStatus.UP : PushStatus.DOWN;
        } else {
            status = parseStatus(given.get("status"));
        }
        return new PushParameters(status, msg, value != null ? value : ping, exitStatus,
                parseRid(given.get("rid"), "rid must be a UUID"), false);
    }

    /**
     * Parses a Healthchecks ping: the signal is the last path segment ({@code start}, {@code fail}, {@code log}, an
     * exit status, or none for a success) and the query may carry {@code rid} and, for a slug URL, {@code create=1};
     * the messages are Healthchecks' own.
     *
     * @param signal   the path segment after the token, or null
     * @param rawQuery the query string as received; may be null
     * @throws ApiException a 400 for a bad exit status or run id, a 404 for a path Healthchecks does not have
     */
    public static PushParameters ping(String signal, String rawQuery) {
        Map<String, String> given = new HashMap<>();
        collect(rawQuery, given, PING_KNOWN);
        String rid = parseRid(given.get("rid"), "invalid uuid format");
        boolean create = "1".equals(given.get("create"));
        if (signal == null) {
            return new PushParameters(PushStatus.UP, null, null, null, rid, create);
        }
        return switch (signal) {
            case "start" -> new PushParameters(PushStatus.START, null, null, null, rid, create);
            case "fail" -> new PushParameters(PushStatus.DOWN, null, null, null, rid, create);
            case "log" -> new PushParameters(PushStatus.LOG, null, null, null, rid, create);
            default -> {
                if (!signal.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw ApiException.notFound("not found");
                }
                int exit = parseExitStatus(signal, "invalid url format");
                yield new PushParameters(exit == 0 ? PushStatus.UP : PushStatus.DOWN, null, null, exit, rid, create);
            }
        };
    }

    private static void collect(String raw, Map<String, String> given, Set<String> known) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), "a parameter name");
            if (!known.contains(name)) {
                continue;
            }
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
            String earlier = given.putIfAbsent(name, value);
            if (earlier != null && !earlier.equals(value)) {
                throw ApiException.badRequest(name + " is given more than once with different values");
            }
        }
    }

    /** Strict {@code application/x-www-form-urlencoded} decoding: bad escapes and bad UTF-8 are errors. */
    static String decode(String encoded, String what) {
        byte[] bytes = new byte[encoded.length()];
        int length = 0;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes[length++] = ' ';
            } else if (c == '%') {
                int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int low = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw ApiException.badRequest(what + " has a malformed percent-encoding (expected %XX)");
                }
                bytes[length++] = (byte) (high << 4 | low);
                i += 2;
            } else if (c <= 0xFF) {
                // The HTTP layer hands over raw request bytes as ISO-8859-1 characters.
                bytes[length++] = (byte) c;
            } else {
                throw ApiException.badRequest(what + " contains characters that are not percent-encoded");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest(what + " is not valid UTF-8");
        }
    }

    private static PushStatus parseStatus(String raw) {
        if (raw == null || raw.isEmpty()) {
            return PushStatus.UP;
        }
        return PushStatus.parse(raw)
                .orElseThrow(() -> ApiException.badRequest("status must be 'up', 'down', 'start' or 'log'"));
    }

    private static Integer parseExitStatus(String raw, String problem) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (!EXIT_STATUS.matcher(raw).matches() || Integer.parseInt(raw) > Heartbeat.MAX_EXIT_STATUS) {
            throw ApiException.badRequest(problem);
        }
        return Integer.parseInt(raw);
    }

    /** Any UUID spelling is accepted, as Healthchecks does, and kept in lower case so a start and its end match. */
    private static String parseRid(String raw, String problem) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (!UUID_SHAPE.matcher(raw).matches()) {
            throw ApiException.badRequest(problem);
        }
        return raw.toLowerCase(Locale.ROOT);
    }

    private static String parseMsg(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.codePointCount(0, raw.length()) > Heartbeat.MAX_MSG_LENGTH) {
            throw ApiException.badRequest("msg is longer than " + Heartbeat.MAX_MSG_LENGTH + " characters");
        }
        return raw;
    }

    private static Double parseNumber(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.length() > MAX_NUMBER_LENGTH || !NUMBER.matcher(raw).matches()) {
            throw ApiException.badRequest(name + " must be a finite decimal number");
        }
        double parsed = Double.parseDouble(raw);
        if (!Double.isFinite(parsed)) {
            throw ApiException.badRequest(name + " is out of range: it must be a finite number");
        }
        return parsed;
    }
}
