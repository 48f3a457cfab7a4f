package io.jsalt.common.render;

/** Small lexical helpers for tag arguments: top-level keywords outside strings and brackets. */
final class Exprs {
    private Exprs() {}

    /**
     * Splits {@code text} at the first top-level occurrence of the word {@code keyword};
     * returns {before, after} with after null when the word does not occur.
     */
    static String[] splitTopLevel(String text, String keyword) {
        int i = indexOfTopLevel(text, at -> text.startsWith(keyword, at)
                && (at == 0 || Character.isWhitespace(text.charAt(at - 1)))
                && (at + keyword.length() == text.length() || Character.isWhitespace(text.charAt(at + keyword.length()))));
        return i < 0 ? new String[] {text.trim(), null}
                : new String[] {text.substring(0, i).trim(), text.substring(i + keyword.length()).trim()};
    }

    /** Whether {@code text} has a comma outside strings and brackets ({@code 1, 2} but not {@code f(1, 2)}). */
    static boolean hasTopLevelComma(String text) {
        return indexOfTopLevel(text, at -> text.charAt(at) == ',') >= 0;
    }

    /**
     * The parts of {@code text} between its top-level commas, trimmed, without empty ones (a
     * trailing comma): {@code a, b=f(1, 2), c=', '} is {@code a}, {@code b=f(1, 2)} and {@code c=', '}.
     */
    static java.util.List<String> splitTopLevelCommas(String text) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        int start = 0;
        for (int i; (i = indexOfTopLevel(text, start, at -> text.charAt(at) == ',')) >= 0; start = i + 1) {
            parts.add(text.substring(start, i).trim());
        }
        parts.add(text.substring(start).trim());
        parts.removeIf(String::isEmpty);
        return parts;
    }

    /** The first index outside strings and brackets where {@code test} holds, or -1. */
    static int indexOfTopLevel(String text, java.util.function.IntPredicate test) {
        return indexOfTopLevel(text, 0, test);
    }

    /**
     * The first index from {@code from} on, outside strings and brackets opened after
     * {@code from}, where {@code test} holds, or -1. A closing bracket at the top level is
     * tested too, so the end of a group opened before {@code from} can be found.
     */
    static int indexOfTopLevel(String text, int from, java.util.function.IntPredicate test) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (depth == 0 && test.test(i)) {
                return i;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
        return -1;
    }

    /** Removes a trailing word sequence such as "with context"; returns null if absent. */
    static String stripSuffix(String text, String suffixRegex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(.*?)\\s+" + suffixRegex + "\\s*$",
                java.util.regex.Pattern.DOTALL).matcher(text);
        return m.matches() ? m.group(1) : null;
    }
}
