package io.jsalt.common.match;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A target compiled once, to test many minions: its text, its type and the test a minion
 * passes ({@link Matcher} makes it). Immutable and safe to share between threads.
 */
public record CompiledTarget(String target, TargetType type, Predicate<MinionData> test) {
    /** Whether the minion is targeted. */
    public boolean matches(MinionData minion) {
        return test.test(minion);
    }

    /** The ids of the targeted minions, in the order given. */
    public List<String> select(Iterable<MinionData> minions) {
        List<String> ids = new ArrayList<>();
        for (MinionData m : minions) {
            if (test.test(m)) {
                ids.add(m.id());
            }
        }
        return ids;
    }

    @Override
    public String toString() {
        return type + " target '" + target + "'";
    }
}
