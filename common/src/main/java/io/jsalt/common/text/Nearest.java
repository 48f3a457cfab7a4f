package io.jsalt.common.text;

import java.util.Collection;

/**
 * The known name closest to a misspelt one, for "did you mean" hints: the smallest
 * Levenshtein distance wins (the first such name in iteration order on a tie), and a name
 * further than a third of its length away is no hint at all.
 */
public final class Nearest {
    private Nearest() {}

    /** The closest of {@code known} to {@code name}, or null when none is close enough. */
    public static String of(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(name, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(1, name.length() / 3) ? best : null;
    }

    /** Edits (insert, delete, replace one character) that turn {@code a} into {@code b}. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(replace, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
