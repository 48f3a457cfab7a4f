package io.jsalt.common.py;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Python's fnmatch: {@code *}, {@code ?}, {@code [seq]}, {@code [!seq]}, whole-string and
 * case-sensitive (fnmatch on POSIX, where Salt's masters run). Patterns without wildcards and
 * the common {@code prefix*} / {@code *suffix} forms skip the regex engine.
 */
public final class Fnmatch {
    private Fnmatch() {}

    /** Python fnmatch.fnmatchcase: whether name matches the shell-style pattern. */
    public static boolean matches(String name, String pattern) {
        return compile(pattern).test(name);
    }

    public static Predicate<String> compile(String pattern) {
        int magic = firstMagic(pattern, 0);
        if (magic < 0) {
            return pattern::equals;
        }
        if (pattern.equals("*")) {
            return s -> true;
        }
        if (magic == pattern.length() - 1 && pattern.charAt(magic) == '*') {
            String prefix = pattern.substring(0, magic);
            return s -> s.startsWith(prefix);
        }
        if (magic == 0 && pattern.charAt(0) == '*' && firstMagic(pattern, 1) < 0) {
            String suffix = pattern.substring(1);
            return s -> s.endsWith(suffix);
        }
        Pattern re = Pattern.compile(translate(pattern), Pattern.DOTALL);
        return s -> re.matcher(s).matches();
    }

    private static int firstMagic(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[') {
                return i;
            }
        }
        return -1;
    }

    /** fnmatch.translate, to a Java regex matched against the whole string. */
    static String translate(String pat) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        int n = pat.length();
        while (i < n) {
            char c = pat.charAt(i++);
            if (c == '*') {
                // Consecutive stars mean the same as one.
                if (re.length() < 2 || !re.substring(re.length() - 2).equals(".*")) {
                    re.append(".*");
                }
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < n && pat.charAt(j) == '!') {
                    j++;
                }
                if (j < n && pat.charAt(j) == ']') {
                    j++;
                }
                while (j < n && pat.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    re.append("\\[");
                } else {
                    re.append(charClass(pat.substring(i, j)));
                    i = j + 1;
                }
            } else {
                appendLiteral(re, c);
            }
        }
        return re.toString();
    }

    /** The body of [...]: a leading '!' negates, 'a-z' is a range, empty ranges drop out. */
    private static String charClass(String body) {
        boolean negate = body.startsWith("!");
        String s = negate ? body.substring(1) : body;
        StringBuilder items = new StringBuilder();
        int p = 0;
        while (p < s.length()) {
            char lo = s.charAt(p);
            if (p + 2 < s.length() && s.charAt(p + 1) == '-') {
                char hi = s.charAt(p + 2);
                if (lo <= hi) {
                    hex(items, lo).append('-');
                    hex(items, hi);
                }
                p += 3;
            } else {
                hex(items, lo);
                p++;
            }
        }
        if (items.length() == 0) {
            // Python: an empty set never matches, a negated empty set matches any character.
            return negate ? "." : "(?!)";
        }
        return "[" + (negate ? "^" : "") + items + "]";
    }

    private static StringBuilder hex(StringBuilder sb, char c) {
        return sb.append("\\x{").append(Integer.toHexString(c)).append('}');
    }

    private static void appendLiteral(StringBuilder re, char c) {
        if (Character.isLetterOrDigit(c) || c == '_') {
            re.append(c);
        } else {
            hex(re, c);
        }
    }
}
