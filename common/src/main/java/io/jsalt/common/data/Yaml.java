package io.jsalt.common.data;

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
    private static final ThreadLocal<org.yaml.snakeyaml.Yaml> LOADER = ThreadLocal.withInitial(Yaml::newLoader);

    private static org.yaml.snakeyaml.Yaml loader() {
        return LOADER.get();
    }

    private static org.yaml.snakeyaml.Yaml newLoader() {
        LoaderOptions lo = new LoaderOptions();
        lo.setAllowDuplicateKeys(false);
        lo.setMaxAliasesForCollections(200);
        lo.setCodePointLimit(64 * 1024 * 1024);
        return new org.yaml.snakeyaml.Yaml(new SaltSafeConstructor(lo));
    }

    /** Parses one document; source names the file in errors. Empty input gives null. */
    public static Object load(String text, String source) {
        try {
            return Data.normalize(loader().load(text));
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
