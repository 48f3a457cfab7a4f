package io.jsalt.master.keys;

import java.util.regex.Pattern;

/**
 * Python's {@code fnmatch.fnmatch} on POSIX (case-sensitive): {@code *}, {@code ?},
 * {@code [seq]} and {@code [!seq]}; an unclosed {@code [} is a literal. Salt matches key
 * names with it ({@code salt-key -a 'web*'}) and autosign file lines.
 */
final class Fnmatch {
    private Fnmatch() {}

    static boolean matches(String name, String glob) {
        return compile(glob).matcher(name).matches();
    }

    static Pattern compile(String glob) {
        return Pattern.compile(translate(glob), Pattern.DOTALL);
    }

    /** The same translation as Python's fnmatch.translate, into Java regex syntax. */
    static String translate(String pat) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        int n = pat.length();
        while (i < n) {
            char c = pat.charAt(i++);
            if (c == '*') {
                while (i < n && pat.charAt(i) == '*') {
                    i++;
                }
                re.append(".*");
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
                    String stuff = pat.substring(i, j);
                    i = j + 1;
                    re.append('[');
                    int k = 0;
                    if (stuff.startsWith("!")) {
                        re.append('^');
                        k = 1;
                    } else if (stuff.startsWith("^")) {
                        re.append("\\^");
                        k = 1;
                    }
                    for (; k < stuff.length(); k++) {
                        char s = stuff.charAt(k);
                        // Java gives '[', '&&' and '\' meaning inside a class; Python does not.
                        if (s == '\\' || s == '[' || s == '&' || s == ']') {
                            re.append('\\');
                        }
                        re.append(s);
                    }
                    re.append(']');
                }
            } else {
                if (c < 0x80 && !Character.isLetterOrDigit(c)) {
                    re.append('\\');
                }
                re.append(c);
            }
        }
        return re.toString();
    }
}
