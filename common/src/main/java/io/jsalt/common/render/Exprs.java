package io.jsalt.common.render;

/** Small lexical helpers for tag arguments: top-level keywords outside strings and brackets. */
final class Exprs {
    private Exprs() {}

    /**
     * Splits {@code text} at the first top-level occurrence of the word {@code keyword};
     * returns {before, after} with after null when the word does not occur.
     */
    static String[] splitTopLevel(String text, String keyword) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
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
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (depth == 0 && text.startsWith(keyword, i)
                    && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))
                    && (i + keyword.length() == text.length()
                        || Character.isWhitespace(text.charAt(i + keyword.length())))) {
                return new String[] {text.substring(0, i).trim(), text.substring(i + keyword.length()).trim()};
            }
        }
        return new String[] {text.trim(), null};
    }

    /** Removes a trailing word sequence such as "with context"; returns null if absent. */
    static String stripSuffix(String text, String suffixRegex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(.*?)\\s+" + suffixRegex + "\\s*$",
                java.util.regex.Pattern.DOTALL).matcher(text);
        return m.matches() ? m.group(1) : null;
    }
}
