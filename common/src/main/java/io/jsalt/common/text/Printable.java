package io.jsalt.common.text;

import io.jsalt.common.data.Data;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that makes text from peers, minions and files safe to put on a terminal or
 * in a log line: control characters become visible escapes ({@code \n}, {@code \r},
 * {@code \t}, {@code \x1b}, {@code \u202e}) so nothing a peer sends can move the cursor,
 * recolour the terminal, or start what looks like a new log line. Backslashes are left as
 * they are: the point is that no byte acts, not that the escaping can be reversed.
 */
public final class Printable {
    private Printable() {}

    /** For one-line fields (ids, log messages): every control and format character escaped, newline too. */
    public static String line(String s) {
        return escape(s, false);
    }

    /**
     * For values shown to a person (command output, comments): like {@link #line} but newline
     * and tab stay, so multi-line output remains readable, and a CRLF line end is a newline;
     * any other carriage return, ESC and the rest are still escaped.
     */
    public static String text(String s) {
        return escape(s == null || s.indexOf('\r') < 0 ? s : s.replace("\r\n", "\n"), true);
    }

    /**
     * A copy of outputter data safe to print: map keys as {@link #line}, strings as
     * {@link #text}, maps and lists copied in order, anything else (numbers, booleans, bytes)
     * as it is. The terminal outputters print this instead of what the minions sent.
     */
    public static Object data(Object o) {
        if (o instanceof String s) {
            return text(s);
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k instanceof String ks ? line(ks) : k, data(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            return Data.mapItems(l, Printable::data);
        }
        return o;
    }

    /** Whether {@link #line} would change {@code s}. */
    public static boolean isLine(String s) {
        return s == null || firstUnsafe(s, false) < 0;
    }

    private static String escape(String s, boolean keepLines) {
        if (s == null) {
            return null;
        }
        int first = firstUnsafe(s, keepLines);
        if (first < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, first);
        for (int i = first; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (!unsafe(cp, keepLines)) {
                sb.appendCodePoint(cp);
            } else if (cp == '\n') {
                sb.append("\\n");
            } else if (cp == '\r') {
                sb.append("\\r");
            } else if (cp == '\t') {
                sb.append("\\t");
            } else if (cp <= 0xff) {
                sb.append(String.format("\\x%02x", cp));
            } else {
                sb.append(String.format("\\u%04x", cp));
            }
        }
        return sb.toString();
    }

    private static int firstUnsafe(String s, boolean keepLines) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (unsafe(cp, keepLines)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /**
     * C0 and C1 controls, DEL, line and paragraph separators, and format characters (which
     * include the bidirectional overrides that make text display in another order than it is
     * read). Unpaired surrogates count too: they are not text.
     */
    static boolean unsafe(int cp, boolean keepLines) {
        if (keepLines && (cp == '\n' || cp == '\t')) {
            return false;
        }
        if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
            return true;
        }
        if (cp < 0x7f) {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                || type == Character.CONTROL;
    }
}
