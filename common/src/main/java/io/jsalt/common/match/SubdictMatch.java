package io.jsalt.common.match;

import io.jsalt.common.py.Fnmatch;
import io.jsalt.common.py.PyRegex;
import io.jsalt.common.py.PyRepr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Salt's subdict_match (salt/utils/data.py), compiled once: {@code key:subkey:value} against
 * grains or pillar. Keys may themselves contain the delimiter, so every split of the
 * expression is tried, deepest key first; a list value matches when any element does; a
 * dict value matches on a key name, {@code *} (the key exists) or deeper; {@code *:} searches
 * every key. Values are compared as Python's {@code str(value).lower()}, so targets are
 * case-insensitive ({@code os:debian} matches "Debian", {@code flag:true} matches True).
 *
 * <p>As in Salt, the nested lookups inside a dict value use ':' whatever the top-level
 * delimiter. One deliberate difference: Salt lowercases a regex before compiling it, which
 * turns {@code \D} into {@code \d}; here the regex keeps its text and matches
 * case-insensitively instead.
 */
final class SubdictMatch implements Predicate<Object> {
    enum Mode { GLOB, REGEX, EXACT }

    private static final String DEFAULT_DELIMITER = ":";
    private static final Object MISSING = new Object();

    private final Expr root;

    private SubdictMatch(Expr root) {
        this.root = root;
    }

    /**
     * Compiles {@code expr}; throws when it has no delimiter (Salt: "insufficient
     * arguments", never matches) or, in regex mode, when no split of it is a valid regex.
     */
    static SubdictMatch compile(String expr, String delimiter, Mode mode, String what) {
        if (delimiter == null || delimiter.isEmpty()) {
            throw new TargetException("Invalid " + what + " target '" + expr + "': empty delimiter");
        }
        if (!expr.contains(delimiter)) {
            throw new TargetException("Invalid " + what + " target '" + expr + "': expected key"
                    + delimiter + "value");
        }
        Compiler c = new Compiler(mode);
        Expr root = c.expr(expr, delimiter);
        if (mode == Mode.REGEX && root.splits.stream().allMatch(s -> s.value.invalid != null)) {
            throw new TargetException("Invalid regex in " + what + " target '" + expr + "': "
                    + root.splits.get(root.splits.size() - 1).value.invalid);
        }
        return new SubdictMatch(root);
    }

    @Override
    public boolean test(Object data) {
        return root.matches(data);
    }

    /** subdict_match(data, expr, delimiter): one entry per way of splitting expr. */
    private static final class Expr {
        final List<Split> splits = new ArrayList<>();

        boolean matches(Object data) {
            for (Split s : splits) {
                Object match = s.keyPath == null ? data : traverse(data, s.keyPath);
                if (match == MISSING || (match instanceof Map<?, ?> m && m.isEmpty())) {
                    // Salt's `match == {}`: missing key (its default) or an empty dict.
                    continue;
                }
                if (match instanceof Map<?, ?> m) {
                    if (s.dict.matches(m)) {
                        return true;
                    }
                } else if (match instanceof List<?> l) {
                    for (Object member : l) {
                        if (member instanceof Map<?, ?> mm && s.dict.matches(mm)) {
                            return true;
                        }
                        if (s.value.matches(member)) {
                            return true;
                        }
                    }
                } else if (s.value.matches(match)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** keyPath null means the key was '*': match the whole data against the expression. */
    private record Split(String[] keyPath, DictPat dict, ValuePat value) {}

    /** Salt's _dict_match(target, pattern). */
    private static final class DictPat {
        boolean wildcard;
        String key;
        Expr nested;
        ValuePat value;
        DictPat deeper;

        boolean matches(Map<?, ?> target) {
            if (key.equals("*") || target.containsKey(key) || nested.matches(target)) {
                return true;
            }
            if (wildcard) {
                for (Object v : target.values()) {
                    if (v instanceof Map<?, ?> m) {
                        if (deeper.matches(m)) {
                            return true;
                        }
                    } else if (v instanceof List<?> l) {
                        for (Object item : l) {
                            // A dict in the list is searched like a dict value, so
                            // "services:*:ports:80" finds a running service's ports (Salt's
                            // tests/pytests/functional/utils/test_ckminions.py,
                            // test_check_minions_complex_nested_glob, expects this).
                            if (value.matches(item) || item instanceof Map<?, ?> m && deeper.matches(m)) {
                                return true;
                            }
                        }
                    } else if (value.matches(v)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** Salt's _match(target, pattern): str(target).lower() against the pattern. */
    private static final class ValuePat {
        Predicate<String> test;
        String invalid;

        boolean matches(Object v) {
            if (test == null) {
                return false;
            }
            String s = v instanceof String str ? str : PyRepr.str(v);
            return test.test(s.toLowerCase(Locale.ROOT));
        }
    }

    /** Builds the tree, sharing the sub-expressions the splits have in common. */
    private static final class Compiler {
        final Mode mode;
        final Map<String, Expr> exprs = new HashMap<>();
        final Map<String, DictPat> dicts = new HashMap<>();
        final Map<String, ValuePat> values = new HashMap<>();

        Compiler(Mode mode) {
            this.mode = mode;
        }

        Expr expr(String expr, String delimiter) {
            String memo = delimiter + '\0' + expr;
            Expr e = exprs.get(memo);
            if (e != null) {
                return e;
            }
            e = new Expr();
            exprs.put(memo, e);
            List<String> parts = split(expr, delimiter);
            for (int idx = parts.size() - 1; idx > 0; idx--) {
                List<String> keyParts = parts.subList(0, idx);
                String matchstr;
                String[] keyPath;
                if (keyParts.size() == 1 && keyParts.get(0).equals("*")) {
                    // Salt matches everything under the top level: the whole expression
                    // against the whole data.
                    keyPath = null;
                    matchstr = expr;
                } else {
                    keyPath = keyParts.toArray(String[]::new);
                    matchstr = String.join(delimiter, parts.subList(idx, parts.size()));
                }
                e.splits.add(new Split(keyPath, dict(matchstr), value(matchstr)));
            }
            return e;
        }

        DictPat dict(String pattern) {
            DictPat d = dicts.get(pattern);
            if (d != null) {
                return d;
            }
            d = new DictPat();
            dicts.put(pattern, d);
            d.wildcard = pattern.startsWith("*:");
            d.key = d.wildcard ? pattern.substring(2) : pattern;
            d.nested = expr(d.key, DEFAULT_DELIMITER);
            if (d.wildcard) {
                d.value = value(d.key);
                d.deeper = dict(d.key);
            }
            return d;
        }

        ValuePat value(String pattern) {
            ValuePat v = values.get(pattern);
            if (v != null) {
                return v;
            }
            v = new ValuePat();
            values.put(pattern, v);
            String lower = pattern.toLowerCase(Locale.ROOT);
            switch (mode) {
                case GLOB -> v.test = Fnmatch.compile(lower);
                case EXACT -> v.test = lower::equals;
                case REGEX -> {
                    try {
                        Pattern re = PyRegex.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                        v.test = s -> re.matcher(s).lookingAt();
                    } catch (PatternSyntaxException ex) {
                        // Salt logs "Invalid regex" and treats this split as not matching.
                        v.invalid = ex.getDescription() + " in '" + pattern + "'";
                    }
                }
            }
            return v;
        }
    }

    /** Salt's traverse_dict_and_list with the key already split; MISSING when absent. */
    static Object traverse(Object data, String[] path) {
        Object ptr = data;
        for (String each : path) {
            if (ptr instanceof List<?> list) {
                Integer idx = pyInt(each);
                if (idx == null) {
                    Object found = MISSING;
                    for (Object x : list) {
                        if (x instanceof Map<?, ?> m && m.containsKey(each)) {
                            found = m.get(each);
                            break;
                        }
                    }
                    if (found == MISSING) {
                        return MISSING;
                    }
                    ptr = found;
                } else {
                    int i = idx < 0 ? list.size() + idx : idx;
                    if (i < 0 || i >= list.size()) {
                        return MISSING;
                    }
                    ptr = list.get(i);
                }
            } else if (ptr instanceof Map<?, ?> m && m.containsKey(each)) {
                ptr = m.get(each);
            } else {
                return MISSING;
            }
        }
        return ptr;
    }

    /** Python int(s) for the index forms that occur: optional sign and digits. */
    private static Integer pyInt(String s) {
        String t = s.strip();
        if (!t.matches("[+-]?\\d{1,9}")) {
            return null;
        }
        return Integer.parseInt(t.startsWith("+") ? t.substring(1) : t);
    }

    static List<String> split(String s, String delimiter) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int i;
        while ((i = s.indexOf(delimiter, start)) >= 0) {
            parts.add(s.substring(start, i));
            start = i + delimiter.length();
        }
        parts.add(s.substring(start));
        return parts;
    }
}
