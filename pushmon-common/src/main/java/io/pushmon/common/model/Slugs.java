package io.pushmon.common.model;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A monitor's slug, the last part of its slug ping URL {@code /ping/{pingKey}/{slug}}: derived from its name the way
 * Healthchecks derives a check's, so a name gives the same slug in both and a moved script keeps its URL.
 */
public final class Slugs {

    private Slugs() {
    }

    /**
     * Lower case, accents dropped, letters, digits, '_' and '-' kept, every run of spaces and hyphens one hyphen,
     * none at either end: "Nightly Backup (db-1)" becomes "nightly-backup-db-1".
     */
    public static String of(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("[^\\p{ASCII}]", "");
        String kept = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_\\s-]", "");
        return kept.replaceAll("[-\\s]+", "-").replaceAll("^[-_]+|[-_]+$", "");
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
