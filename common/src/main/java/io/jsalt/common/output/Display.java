package io.jsalt.common.output;

/**
 * salt.output.display_output: run the outputter, strip trailing whitespace, and print the
 * result followed by one newline, or print nothing at all when the result is empty (an
 * empty dict under nested, for example).
 */
public final class Display {
    private Display() {}

    /** The exact text to write to stdout for data; "" when Salt would print nothing. */
    public static String text(Outputter out, Object data, OutputOptions opts) {
        String s = rstrip(out.format(data, opts));
        return s.isEmpty() ? "" : s + "\n";
    }

    /** Python's str.rstrip(): drops trailing whitespace, including line breaks. */
    static String rstrip(String s) {
        int end = s.length();
        while (end > 0) {
            int cp = s.codePointBefore(end);
            if (!isPyWhitespace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    private static boolean isPyWhitespace(int cp) {
        return (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x20) || cp == 0x85 || cp == 0xa0
                || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029
                || cp == 0x202f || cp == 0x205f || cp == 0x3000;
    }
}
