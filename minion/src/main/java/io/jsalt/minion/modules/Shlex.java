package io.jsalt.minion.modules;

import io.jsalt.common.plugin.CommandExecutionError;
import java.util.ArrayList;
import java.util.List;

/** Python's shlex.split (POSIX mode): how Salt turns a command string into argv without a shell. */
public final class Shlex {
    private Shlex() {}

    public static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inToken = false;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) {
                    throw new CommandExecutionError("Unable to split command '" + s + "': No escaped character");
                }
                cur.append(s.charAt(++i));
                inToken = true;
            } else if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new CommandExecutionError("Unable to split command '" + s + "': No closing quotation");
                }
                cur.append(s, i + 1, end);
                i = end;
                inToken = true;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < n && s.charAt(j) != '"'; j++) {
                    char d = s.charAt(j);
                    // Inside double quotes shlex only treats \" and \\ as escapes.
                    if (d == '\\' && j + 1 < n && (s.charAt(j + 1) == '"' || s.charAt(j + 1) == '\\')) {
                        cur.append(s.charAt(++j));
                    } else {
                        cur.append(d);
                    }
                }
                if (j >= n) {
                    throw new CommandExecutionError("Unable to split command '" + s + "': No closing quotation");
                }
                i = j;
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inToken = false;
                }
            } else {
                cur.append(c);
                inToken = true;
            }
        }
        if (inToken) {
            out.add(cur.toString());
        }
        return out;
    }
}
