package io.jsalt.common.match;

import io.jsalt.common.py.Fnmatch;
import io.jsalt.common.py.PyRegex;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The simple target types as predicates over a minion, each compiled once. */
final class Targets {
    private Targets() {}

    /** fnmatch on the id, case-sensitive. */
    static Predicate<MinionData> glob(String tgt) {
        Predicate<String> g = Fnmatch.compile(tgt);
        return m -> g.test(m.id());
    }

    /** Python re.match on the id: anchored at the start only. */
    static Predicate<MinionData> pcre(String tgt) {
        Pattern re;
        try {
            re = PyRegex.compile(tgt, 0);
        } catch (PatternSyntaxException e) {
            throw new TargetException("Invalid pcre target '" + tgt + "': " + e.getDescription());
        }
        return m -> re.matcher(m.id()).lookingAt();
    }

    /** Comma-separated ids, compared exactly; empty items are ignored (Salt's split). */
    static Predicate<MinionData> list(String tgt) {
        Set<String> ids = new HashSet<>();
        for (String id : tgt.split(",")) {
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return list(ids);
    }

    static Predicate<MinionData> list(Set<String> ids) {
        return m -> ids.contains(m.id());
    }

    static Predicate<MinionData> grain(String tgt, String delim, SubdictMatch.Mode mode, String what) {
        SubdictMatch sm = SubdictMatch.compile(tgt, delim, mode, what);
        return m -> sm.test(m.grains());
    }

    static Predicate<MinionData> pillar(String tgt, String delim, SubdictMatch.Mode mode, String what) {
        SubdictMatch sm = SubdictMatch.compile(tgt, delim, mode, what);
        return m -> sm.test(m.pillar());
    }
}
