package io.pushmon.gateway.monitors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import io.pushmon.gateway.errors.ApiException;

/**
 * Tags, the labels monitors are grouped by: at most {@link #MAX} per monitor, each 1 to {@link #MAX_LENGTH}
 * characters of {@code a-z 0-9 _ . -} starting with a letter or digit. Input is lower-cased, so "Prod" and "prod"
 * are one tag; a monitor's tags are kept distinct and sorted, so two monitors with the same tags store the same list.
 * The shape keeps a tag usable as it is in a URL path segment (badges), a Prometheus label value and a query.
 */
public final class Tags {

    /** Most tags per monitor. */
    public static final int MAX = 10;
    /** Longest tag, in characters. */
    public static final int MAX_LENGTH = 40;
    /**
     * Not a tag: {@code /badge/{key}/all.svg} is the badge of every monitor of a tenant, so a tag of this name
     * would have no badge of its own.
     */
    public static final String RESERVED = "all";

    private static final String SHAPE = "1 to " + MAX_LENGTH + " characters of a-z, 0-9, '_', '.' and '-', "
            + "starting with a letter or digit";

    private Tags() {
    }

    /**
     * A request's tags as a monitor keeps them: lower-cased, distinct, sorted; none for null.
     *
     * @param field the name the request gave them, for the error
     * @throws ApiException a 400 naming the field and the tag that does not fit, or saying there are too many
     */
    public static List<String> normalize(List<String> tags, String field) {
        if (tags == null) {
            return List.of();
        }
        TreeSet<String> kept = new TreeSet<>();
        for (String tag : tags) {
            kept.add(normalize(tag, field));
        }
        if (kept.size() > MAX) {
            throw ApiException.badRequest(field + ": at most " + MAX + " tags, this has " + kept.size());
        }
        return List.copyOf(kept);
    }

    /**
     * One tag, lower-cased.
     *
     * @throws ApiException a 400 naming the field when it is null, reserved or of the wrong shape
     */
    public static String normalize(String tag, String field) {
        if (tag == null) {
            throw ApiException.badRequest(field + " must not contain null");
        }
        String lower = tag.toLowerCase(Locale.ROOT);
        if (!hasShape(lower)) {
            throw ApiException.badRequest(field + " must each be " + SHAPE + ": '" + shortened(tag) + "' is not");
        }
        if (lower.equals(RESERVED)) {
            throw ApiException.badRequest(field + ": '" + RESERVED + "' is reserved for the badge of every monitor");
        }
        return lower;
    }

    /**
     * The tags of a list made elsewhere (a Healthchecks check) that a monitor can keep: those of the right shape,
     * lower-cased, distinct, sorted, the first {@link #MAX} of them.
     */
    public static List<String> carriedOver(List<String> tags) {
        TreeSet<String> kept = new TreeSet<>();
        for (String tag : tags) {
            String lower = tag.toLowerCase(Locale.ROOT);
            if (hasShape(lower) && !lower.equals(RESERVED)) {
                kept.add(lower);
            }
        }
        return List.copyOf(new ArrayList<>(kept).subList(0, Math.min(MAX, kept.size())));
    }

    /** True for a tag as monitors keep it (lower case, right shape, not reserved). */
    public static boolean isTag(String value) {
        return value != null && hasShape(value) && !value.equals(RESERVED);
    }

    /** Enough of a refused tag to recognise it, without echoing a whole oversized body back. */
    private static String shortened(String tag) {
        return tag.length() <= MAX_LENGTH + 10 ? tag : tag.substring(0, MAX_LENGTH) + "...";
    }

    private static boolean hasShape(String value) {
        if (value.isEmpty() || value.length() > MAX_LENGTH || !letterOrDigit(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!letterOrDigit(c) && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean letterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
