package io.jsalt.common.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * YAML as Salt loads it: YAML 1.1 scalars (yes/no/on/off booleans), ints with leading
 * zeros read in base 10 as Salt's loader does ({@link SaltSafeConstructor}: 0644 is 644),
 * ordered maps, duplicate keys rejected, safe types only.
 */
public final class Yaml {
    private Yaml() {}

    /** Building a loader (resolver regexes, constructors) costs more than a small parse. */
    private static final ThreadLocal<Loader> LOADER = ThreadLocal.withInitial(Loader::new);

    /** One thread's loader: SnakeYAML's, and the options and constructor {@link YamlEvents} shares with it. */
    private static final class Loader {
        final LoaderOptions options = new LoaderOptions();
        final SaltSafeConstructor constructor;
        /**
         * SnakeYAML's whole loader, made for the first document that is not plain: most
         * processes never need it (a configuration file, a CLI command), and making one
         * builds its dumper's options and representers as well.
         */
        private org.yaml.snakeyaml.Yaml yaml;

        Loader() {
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(200);
            options.setCodePointLimit(64 * 1024 * 1024);
            constructor = new SaltSafeConstructor(options);
        }

        /** The document as model data: straight from the parser's events when it is plain. */
        Object load(String text) {
            Object plain = YamlEvents.load(text, options, constructor);
            if (plain != YamlEvents.NOT_PLAIN) {
                return plain;
            }
            if (yaml == null) {
                yaml = new org.yaml.snakeyaml.Yaml(constructor);
            }
            Object loaded = yaml.load(text);
            expanded(loaded, new IdentityHashMap<>());
            return Data.normalize(loaded);
        }
    }

    /** The most values a document may hold once {@link Data#normalize} has copied every alias out. */
    static final long MAX_EXPANDED_VALUES = 1_000_000;

    /**
     * The values {@code o} holds with its aliases expanded, as {@link Data#normalize} will
     * copy them, counted once per distinct collection. SnakeYAML shares an aliased
     * collection, so 30 lines of aliases of aliases load as a few objects, which the model's
     * copy would then expand to a billion (an alias bomb): it fails past
     * {@link #MAX_EXPANDED_VALUES} instead, and on a collection that contains itself, which
     * the copy would follow for ever.
     */
    private static long expanded(Object o, Map<Object, Long> seen) {
        Collection<?> children;
        if (o instanceof Map<?, ?> m) {
            List<Object> both = new ArrayList<>(2 * m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                both.add(e.getKey());
                both.add(e.getValue());
            }
            children = both;
        } else if (o instanceof Collection<?> c) {
            children = c;
        } else {
            return 1;
        }
        Long known = seen.get(o);
        if (known != null) {
            if (known < 0) {
                throw new YAMLException("a collection contains itself through an alias; it cannot be loaded");
            }
            return known;
        }
        seen.put(o, -1L);
        long n = 1;
        for (Object child : children) {
            n += expanded(child, seen);
            if (n > MAX_EXPANDED_VALUES) {
                throw new YAMLException("its aliases expand it to more than " + MAX_EXPANDED_VALUES + " values");
            }
        }
        seen.put(o, n);
        return n;
    }

    /** Parses one document; source names the file in errors. Empty input gives null. */
    public static Object load(String text, String source) {
        try {
            return LOADER.get().load(text);
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = m == null ? source : source + ", line " + (m.getLine() + 1);
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            if (e.getContext() != null && problem != null && !problem.contains(e.getContext())) {
                problem = e.getContext() + ": " + problem;
            }
            throw new DataException(where + ": " + problem, m == null ? -1 : m.getLine() + 1, e);
        } catch (YAMLException e) {
            throw new DataException(source + ": " + e.getMessage(), -1, e);
        }
    }

    /** Parses a document that must be a mapping (or empty). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> loadMap(String text, String source) {
        Object o = load(text, source);
        if (o == null) {
            return new java.util.LinkedHashMap<>();
        }
        if (!(o instanceof Map)) {
            throw new DataException(source + ": expected a mapping at the top level, got "
                    + typeName(o), 1, null);
        }
        return (Map<String, Object>) o;
    }

    public static String dump(Object o) {
        DumperOptions d = new DumperOptions();
        d.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        d.setIndent(2);
        d.setIndicatorIndent(0);
        d.setWidth(Integer.MAX_VALUE);
        d.setSplitLines(false);
        return new org.yaml.snakeyaml.Yaml(new Representer(d), d).dump(Data.normalize(o));
    }

    public static String typeName(Object o) {
        // The type names are Python's (PyRepr has them); these messages print a missing
        // value as the word None, as Salt's own "got None" texts do, not Python's NoneType.
        return o == null ? "None" : io.jsalt.common.py.PyRepr.typeName(o);
    }

    /** A data error with the line it was found on (or -1). */
    public static final class DataException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;

        public DataException(String message, int line, Throwable cause) {
            super(message, cause);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }
}
