package io.jsalt.common.match;

import io.jsalt.common.py.PyRepr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The master's {@code nodegroups:} and Salt's nodegroup_comp (salt/utils/minions.py): a
 * nodegroup is a compound target, as a string or a list of words; {@code N@other} inside it
 * expands recursively (in parentheses); a nodegroup without operators, wildcards or engine
 * prefixes is a list of ids ({@code L@a,b}) or, when a word looks like a regex, {@code E@}.
 * Where Salt logs and silently drops the word, an unknown or self-including nodegroup is an
 * error here.
 */
final class Nodegroups {
    static final Set<String> OPERATORS = Set.of("and", "or", "not", "(", ")");
    private static final Pattern ENGINE_PREFIX = Pattern.compile("^[A-Z]@");
    private static final List<String> REGEX_CHARS = List.of("(", "[", "{", "\\", "?", "}", "]", ")");

    private final Map<String, Object> groups;

    Nodegroups(Map<String, ?> groups) {
        this.groups = groups == null ? Map.of() : new LinkedHashMap<>(groups);
    }

    boolean contains(String name) {
        return groups.containsKey(name);
    }

    /** The compound words nodegroup {@code name} stands for. */
    List<String> expand(String name) {
        return comp(name, new HashSet<>(), true);
    }

    private List<String> comp(String name, Set<String> skip, boolean firstCall) {
        if (skip.contains(name)) {
            throw new NodegroupException("Failed nodegroup expansion: illegal nested nodegroup \"" + name + "\"");
        }
        if (!groups.containsKey(name)) {
            throw new NodegroupException("Failed nodegroup expansion: unknown nodegroup \"" + name + "\"");
        }
        List<String> words = words(name, groups.get(name));
        skip.add(name);
        List<String> ret = new ArrayList<>();
        boolean expanded = false;
        for (String word : words) {
            if (OPERATORS.contains(word)) {
                ret.add(word);
            } else if (word.length() >= 3 && word.startsWith("N@")) {
                expanded = true;
                ret.addAll(comp(word.substring(2), skip, false));
            } else {
                ret.add(word);
            }
        }
        if (!ret.isEmpty()) {
            ret.add(0, "(");
            ret.add(")");
        }
        skip.remove(name);
        if (expanded || !firstCall) {
            if (!firstCall) {
                List<String> joined = asListOrRegex(words);
                if (joined != null) {
                    return joined;
                }
            }
            return ret;
        }
        List<String> joined = asListOrRegex(words);
        return joined != null ? joined : words;
    }

    private static List<String> words(String name, Object def) {
        if (def instanceof String s) {
            String t = s.strip();
            return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
        }
        if (def instanceof List<?> l) {
            List<String> out = new ArrayList<>(l.size());
            for (Object w : l) {
                out.add(PyRepr.str(w));
            }
            return out;
        }
        throw new TargetException("Nodegroup '" + name + "' (" + PyRepr.repr(def)
                + ") is neither a string, list nor tuple");
    }

    /**
     * Salt's _nodegroup_regex: words with no operator, wildcard or engine prefix are a list
     * of ids, or a regex when any word holds a regex character. Null when it is a compound.
     */
    private static List<String> asListOrRegex(List<String> words) {
        for (String w : words) {
            if (OPERATORS.contains(w) || w.contains("*") || ENGINE_PREFIX.matcher(w).find()) {
                return null;
            }
        }
        boolean regex = words.stream().anyMatch(w -> REGEX_CHARS.stream().anyMatch(w::contains));
        return List.of((regex ? "E@" : "L@") + String.join(",", words));
    }
}
