package io.pushmon.gateway.badges;

/**
 * A flat badge in the shape shields.io draws: a grey label on the left, a coloured message on the right, white
 * text with a faint shadow. Drawn here with no font at hand, so text widths are estimated from Verdana's advance
 * widths at 11 px (the font shields.io measures with); {@code textLength} then makes any renderer fit the text to the
 * estimate, so a wrong guess squeezes or stretches the text a little but never overflows the badge.
 */
final class BadgeSvg {

    static final int HEIGHT = 20;
    /** Space left and right of each text, in px. */
    private static final int PADDING = 5;
    private static final String LABEL_COLOR = "#555";

    /**
     * Verdana's advance widths for ' ' (32) to '~' (126), in font units of an em of 2048: a character is
     * {@code width * 11 / 2048} px wide at 11 px.
     */
    private static final int[] ASCII_ADVANCE = {
        720, 842, 1049, 1880, 1302, 2220, 1506, 614, 930, 930, 1302, 1880, 745, 878, 745, 1318, // space to /
        1302, 1302, 1302, 1302, 1302, 1302, 1302, 1302, 1302, 1302, // 0 to 9
        934, 934, 1880, 1880, 1880, 1114, 2053, // : to @
        1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 862, 932, 1419, 1141, 1726, // A to M
        1532, 1612, 1235, 1612, 1423, 1402, 1248, 1503, 1401, 2025, 1403, 1247, 1403, // N to Z
        930, 1318, 930, 1880, 1302, 1302, // [ to `
        1230, 1276, 1067, 1276, 1220, 720, 1276, 1296, 562, 676, 1212, 562, 1992, // a to m
        1296, 1243, 1276, 1276, 874, 1067, 807, 1296, 1212, 1665, 1212, 1212, 1087, // n to z
        1300, 930, 1300, 1880 // { to ~
    };
    /** A letter outside ASCII: about an average capital. */
    private static final int OTHER_ADVANCE = 1400;
    /** East Asian wide characters and emoji: a full em. */
    private static final int WIDE_ADVANCE = 2048;
    private static final double PX_PER_UNIT = 11.0 / 2048;

    private BadgeSvg() {
    }

    /**
     * The badge as an SVG document.
     *
     * @param color the message's background, a CSS colour such as {@code #4c1}
     */
    static String render(String label, String message, String color) {
        int labelText = textWidth(label);
        int messageText = textWidth(message);
        int labelWidth = labelText + 2 * PADDING;
        int messageWidth = messageText + 2 * PADDING;
        int width = labelWidth + messageWidth;
        String safeLabel = escape(label);
        String safeMessage = escape(message);
        StringBuilder svg = new StringBuilder(1200);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(HEIGHT).append("\" role=\"img\" aria-label=\"").append(safeLabel).append(": ")
                .append(safeMessage).append("\">");
        svg.append("<title>").append(safeLabel).append(": ").append(safeMessage).append("</title>");
        svg.append("<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" "
                + "stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>");
        svg.append("<clipPath id=\"r\"><rect width=\"").append(width).append("\" height=\"").append(HEIGHT)
                .append("\" rx=\"3\" fill=\"#fff\"/></clipPath>");
        svg.append("<g clip-path=\"url(#r)\"><rect width=\"").append(labelWidth).append("\" height=\"")
                .append(HEIGHT).append("\" fill=\"").append(LABEL_COLOR).append("\"/><rect x=\"").append(labelWidth)
                .append("\" width=\"").append(messageWidth).append("\" height=\"").append(HEIGHT)
                .append("\" fill=\"").append(escape(color)).append("\"/><rect width=\"").append(width)
                .append("\" height=\"").append(HEIGHT).append("\" fill=\"url(#s)\"/></g>");
        // Text is laid out at ten times the size and scaled down, as shields.io does, for sub-pixel positions.
        svg.append("<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" "
                + "text-rendering=\"geometricPrecision\" font-size=\"110\">");
        text(svg, safeLabel, labelWidth * 5, labelText * 10);
        text(svg, safeMessage, (labelWidth * 2 + messageWidth) * 5, messageText * 10);
        svg.append("</g></svg>");
        return svg.toString();
    }

    /** One text with its shadow, centred on {@code x}, both in tenths of a px. */
    private static void text(StringBuilder svg, String escaped, int x, int length) {
        svg.append("<text aria-hidden=\"true\" x=\"").append(x).append("\" y=\"150\" fill=\"#010101\" "
                + "fill-opacity=\".3\" transform=\"scale(.1)\" textLength=\"").append(length).append("\">")
                .append(escaped).append("</text>");
        svg.append("<text x=\"").append(x).append("\" y=\"140\" transform=\"scale(.1)\" fill=\"#fff\" textLength=\"")
                .append(length).append("\">").append(escaped).append("</text>");
    }

    /** The estimated width of the text at 11 px Verdana, rounded up to a whole px. */
    static int textWidth(String text) {
        long units = 0;
        for (int i = 0; i < text.length();) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            units += advance(c);
        }
        return (int) Math.ceil(units * PX_PER_UNIT);
    }

    private static int advance(int c) {
        if (c >= 32 && c <= 126) {
            return ASCII_ADVANCE[c - 32];
        }
        int type = Character.getType(c);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || type == Character.CONTROL) {
            return 0;
        }
        return wide(c) ? WIDE_ADVANCE : OTHER_ADVANCE;
    }

    /** Hangul, CJK, full-width forms and the emoji planes: drawn a full em wide. */
    private static boolean wide(int c) {
        return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60)
                || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) || c >= 0x20000;
    }

    /**
     * The text as XML character data and attribute values: markup characters escaped, and characters XML 1.0 cannot
     * hold at all (control characters, lone surrogates, U+FFFE and U+FFFF) replaced by U+FFFD, so any monitor name
     * gives a well-formed document.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length();) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (allowedInXml(c)) {
                        out.appendCodePoint(c);
                    } else {
                        out.append('\uFFFD');
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean allowedInXml(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || c >= 0x10000;
    }
}
