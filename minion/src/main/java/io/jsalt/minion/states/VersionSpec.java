package io.jsalt.minion.states;

import io.jsalt.common.plugin.Call;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A wanted package version: exact ('1.2-3'), a glob ('1.2*') or a comparison ('>=1.2'). */
final class VersionSpec {
    private VersionSpec() {}

    static boolean isRange(String want) {
        return want.startsWith(">") || want.startsWith("<");
    }

    static boolean satisfied(Call c, String have, String want) {
        String w = want.strip();
        for (String op : List.of(">=", "<=", ">", "<", "==", "=")) {
            if (w.startsWith(op)) {
                long cmp = cmp(c, have, w.substring(op.length()).strip());
                return switch (op) {
                    case ">=" -> cmp >= 0;
                    case "<=" -> cmp <= 0;
                    case ">" -> cmp > 0;
                    case "<" -> cmp < 0;
                    default -> cmp == 0;
                };
            }
        }
        if (w.contains("*")) {
            String re = Pattern.quote(w).replace("*", "\\E.*\\Q");
            return have.matches(re) || have.replaceFirst("^\\d+:", "").matches(re);
        }
        return have.equals(w) || have.replaceFirst("^\\d+:", "").equals(w);
    }

    private static long cmp(Call c, String a, String b) {
        Object r = c.salt("pkg.version_cmp", List.of(a, b), Map.of());
        return r instanceof Number n ? n.longValue() : 0;
    }
}
