package io.pushmon.common.model;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A monitor's slug, the last part of its slug ping URL {@code /ping/{pingKey}/{slug}}: derived from its name the way
 * Healthchecks derives a check's, so a name gives the same slug in both and a moved script keeps its URL.
 */
public final class Slugs {

    // Compiled once: the gateway derives a slug for every monitor it caches and every slug ping it answers.
    private static final Pattern NOT_ASCII = Pattern.compile("[^\\p{ASCII}]");
    private static final Pattern NOT_KEPT = Pattern.compile("[^a-z0-9_\\s-]");
    private static final Pattern SEPARATORS = Pattern.compile("[-\\s]+");
    private static final Pattern AT_THE_ENDS = Pattern.compile("^[-_]+|[-_]+$");

    private Slugs() {
    }

    /**
     * Lower case, accents dropped, letters, digits, '_' and '-' kept, every run of spaces and hyphens one hyphen,
     * none at either end: "Nightly Backup (db-1)" becomes "nightly-backup-db-1".
     */
    public static String of(String name) {
        String ascii = NOT_ASCII.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("");
        String kept = NOT_KEPT.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("");
        return AT_THE_ENDS.matcher(SEPARATORS.matcher(kept).replaceAll("-")).replaceAll("");
    }

    /**
     * True for what {@link #of} can give from a name of at most 100 characters: a slug URL with anything else cannot
     * match a monitor, nor name a new one.
     */
    public static boolean isSlug(String text) {
        return !text.isEmpty() && text.length() <= 100 && text.chars()
                .allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    }
}
