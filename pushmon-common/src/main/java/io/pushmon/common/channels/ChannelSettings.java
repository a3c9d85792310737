package io.pushmon.common.channels;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks a channel's settings before it is stored, and masks its secrets before they are shown. Problems are
 * sentences an API client can show as is; they never repeat a secret value.
 */
public final class ChannelSettings {

    /** Longest value accepted for any setting. */
    public static final int MAX_VALUE_LENGTH = 2048;
    /** Most recipients one email channel may have. */
    public static final int MAX_EMAIL_RECIPIENTS = 20;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s,<>]+@[^@\\s,<>]+\\.[^@\\s,<>]+");
    private static final Pattern TELEGRAM_TOKEN = Pattern.compile("\\d{1,20}:[A-Za-z0-9_-]{20,100}");
    private static final Pattern TELEGRAM_CHAT = Pattern.compile("-?\\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31}");
    private static final Pattern NTFY_TOPIC = Pattern.compile("[-_A-Za-z0-9]{1,64}");
    private static final Pattern ROUTING_KEY = Pattern.compile("[A-Za-z0-9]{32}");
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

    private ChannelSettings() {
    }

    /** The problems with these settings for a channel of this type; empty when they are fine. */
    public static List<String> validate(String type, Map<String, String> settings) {
        Optional<ChannelKind> kind = ChannelKind.fromWire(type);
        if (kind.isEmpty()) {
            return List.of(type == null || type.isBlank()
                    ? "type is required; one of: " + ChannelKind.wireNames()
                    : "unknown channel type '" + type + "'; one of: " + ChannelKind.wireNames());
        }
        Map<String, String> given = settings == null ? Map.of() : settings;
        List<String> problems = new ArrayList<>();
        for (String name : new TreeSet<>(given.keySet())) {
            if (kind.get().setting(name).isEmpty()) {
                problems.add("unknown setting '" + name + "' for a " + type + " channel; it takes: "
                        + String.join(", ", kind.get().settings().stream().map(SettingSpec::name).toList()));
            }
        }
        for (SettingSpec spec : kind.get().settings()) {
            String value = given.get(spec.name());
            if (value == null || value.isBlank()) {
                if (spec.required()) {
                    problems.add(spec.name() + " is required for a " + type + " channel");
                }
                continue;
            }
            if (value.length() > MAX_VALUE_LENGTH) {
                problems.add(spec.name() + " is longer than " + MAX_VALUE_LENGTH + " characters");
                continue;
            }
            formatProblem(spec, value.strip()).ifPresent(problems::add);
        }
        return problems;
    }

    /**
     * A copy of the settings that is safe to return from the API: secret values are replaced by a hint (for a
     * URL its scheme and host, otherwise its last four characters when it is long enough to keep them).
     */
    public static Map<String, String> masked(String type, Map<String, String> settings) {
        Optional<ChannelKind> kind = ChannelKind.fromWire(type);
        Map<String, String> out = new LinkedHashMap<>();
        settings.forEach((name, value) -> out.put(name, isSecret(kind, name) ? mask(value) : value));
        return out;
    }

    /**
     * Whether a setting of a channel of this type carries a credential: the API masks it and the {@code channels}
     * topic holds it encrypted. The place that decides it, from the kinds' {@link SettingSpec#secret()}; a setting
     * or type pushmon does not know counts as a secret. (The signing secret of a signed kind is one as well; it
     * has its own field.)
     */
    public static boolean isSecret(String type, String name) {
        return isSecret(ChannelKind.fromWire(type), name);
    }

    private static boolean isSecret(Optional<ChannelKind> kind, String name) {
        return kind.flatMap(k -> k.setting(name)).map(SettingSpec::secret).orElse(true);
    }

    /** The recipients of an email channel's {@code to} setting. */
    public static List<String> emailRecipients(String to) {
        return to == null ? List.of()
                : List.of(to.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static String mask(String value) {
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value.strip());
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri.getScheme() + "://" + uri.getHost() + "/***";
            }
        } catch (URISyntaxException e) {
            // not a URL: fall through to the generic mask
        }
        return value.length() >= 16 ? "***" + value.substring(value.length() - 4) : "***";
    }

    private static Optional<String> formatProblem(SettingSpec spec, String value) {
        String name = spec.name();
        return switch (spec.format()) {
            case HTTP_URL -> urlProblem(name, value);
            case EMAIL_LIST -> emailProblem(name, value);
            case TELEGRAM_BOT_TOKEN -> TELEGRAM_TOKEN.matcher(value).matches() ? Optional.empty()
                    : Optional.of(name + " does not look like a Telegram bot token (<digits>:<key> from BotFather)");
            case TELEGRAM_CHAT_ID -> TELEGRAM_CHAT.matcher(value).matches() ? Optional.empty()
                    : Optional.of(name + " must be a numeric chat id or a @channelname");
            case NTFY_TOPIC -> NTFY_TOPIC.matcher(value).matches() ? Optional.empty()
                    : Optional.of(name + " must be 1 to 64 letters, digits, '-' or '_'");
            case PAGERDUTY_ROUTING_KEY -> ROUTING_KEY.matcher(value).matches() ? Optional.empty()
                    : Optional.of(name + " must be the 32-character integration key of an Events API v2 integration");
            case PAGERDUTY_SEVERITY -> SEVERITIES.contains(value.toLowerCase(Locale.ROOT)) ? Optional.empty()
                    : Optional.of(name + " must be one of critical, error, warning, info");
            case TEXT -> Optional.empty();
        };
    }

    private static Optional<String> urlProblem(String name, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.of(name + " is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of(name + " must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of(name + " must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of(name + " must not carry user:password@; put credentials in the path or query");
        }
        return Optional.empty();
    }

    private static Optional<String> emailProblem(String name, String value) {
        List<String> recipients = emailRecipients(value);
        if (recipients.isEmpty()) {
            return Optional.of(name + " must list at least one email address");
        }
        if (recipients.size() > MAX_EMAIL_RECIPIENTS) {
            return Optional.of(name + " lists more than " + MAX_EMAIL_RECIPIENTS + " addresses");
        }
        List<String> bad = recipients.stream().filter(r -> !EMAIL.matcher(r).matches()).toList();
        return bad.isEmpty() ? Optional.empty()
                : Optional.of(name + " has invalid email address(es): " + String.join(", ", bad));
    }
}
