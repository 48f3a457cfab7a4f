package io.jsalt.master.events;

import io.jsalt.common.match.CompiledTarget;
import io.jsalt.common.match.Matcher;
import io.jsalt.common.match.MinionData;
import io.jsalt.common.match.TargetType;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Matching event tags as Salt does. {@link #glob} is {@code fnmatch.fnmatch} (the reactor's
 * rule); {@link #expr} is {@code salt.utils.stringutils.expr_match} (state.event's rule):
 * an fnmatch glob, or else a regular expression that must match the whole tag.
 */
public final class TagMatch {
    private static final Matcher MATCHER = new Matcher();

    private TagMatch() {}

    /** fnmatch: {@code *}, {@code ?} and {@code [seq]} over the whole tag ({@code /} included). */
    public static Predicate<String> glob(String pattern) {
        CompiledTarget t = MATCHER.compile(pattern, TargetType.GLOB);
        return tag -> t.matches(new MinionData(tag, Map.of(), Map.of()));
    }

    /** expr_match: the glob, or failing that the whole-tag regex (an invalid regex matches nothing). */
    public static Predicate<String> expr(String pattern) {
        Predicate<String> g = glob(pattern);
        CompiledTarget re;
        try {
            re = MATCHER.compile("(?:" + pattern + ")\\Z", TargetType.PCRE);
        } catch (RuntimeException e) {
            return g;
        }
        return tag -> g.test(tag) || re.matches(new MinionData(tag, Map.of(), Map.of()));
    }
}
