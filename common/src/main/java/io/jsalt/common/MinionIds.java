package io.jsalt.master.keys;

import java.nio.charset.StandardCharsets;

/**
 * Which minion ids may name a key file. The id becomes a file name under the pki dir, so
 * anything that could leave the directory, hide the file or overflow a name is refused.
 */
public final class MinionIds {
    public static final int MAX_BYTES = 255;

    private MinionIds() {}

    /** Null when the id is usable, otherwise why not, in a sentence naming the id. */
    public static String problem(String id) {
        if (id == null || id.isEmpty()) {
            return "the minion id is empty";
        }
        String shown = "minion id '" + printable(id) + "'";
        if (id.indexOf('/') >= 0) {
            return shown + " contains '/'";
        }
        if (id.indexOf('\\') >= 0) {
            return shown + " contains '\\'";
        }
        if (id.indexOf('\0') >= 0) {
            return shown + " contains a NUL character";
        }
        if (id.startsWith(".")) {
            return shown + " starts with '.'";
        }
        if (id.contains("..")) {
            return shown + " contains '..'";
        }
        if (id.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "minion id '" + printable(id.substring(0, 32)) + "...' is longer than " + MAX_BYTES + " bytes";
        }
        return null;
    }

    public static boolean valid(String id) {
        return problem(id) == null;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
