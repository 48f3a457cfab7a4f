package io.jsalt.common.output;

import io.jsalt.common.py.PyRepr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The outputters {@code --out} can name: the built-ins (nested, json, yaml, txt, raw,
 * no_return), any {@link Outputter} listed in {@code META-INF/services/
 * io.jsalt.common.output.Outputter}, and any added with {@link #register}. A name is taken
 * once: registering a second outputter under a taken name fails.
 */
public final class Outputters {
    /** The outputter Salt uses when none is named. */
    public static final String DEFAULT = "nested";

    private static final Map<String, Outputter> BY_NAME = new TreeMap<>();

    static {
        for (Outputter o : List.of(new NestedOutputter(),
                Outputter.of("json", JsonOutputter::format),
                Outputter.of("yaml", YamlOutputter::format),
                Outputter.of("txt", TxtOutputter::format),
                // Salt's raw outputter (salt/output/raw.py): str(data), the Python repr of the
                // whole structure on one line, e.g. {'web1': {'os': 'Debian', 'cpus': 4}}.
                Outputter.of("raw", (data, opts) -> PyRepr.str(data)),
                Outputter.of("no_return", NoReturnOutputter::format))) {
            register(o);
        }
        for (Outputter o : ServiceLoader.load(Outputter.class)) {
            register(o);
        }
    }

    private Outputters() {}

    /**
     * Adds an outputter (e.g. highstate). Fails on a blank name or a name already taken,
     * so two plugins can never silently shadow each other.
     */
    public static synchronized void register(Outputter o) {
        String name = o.name();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("outputter " + o.getClass().getName() + " has no name");
        }
        Outputter had = BY_NAME.get(name);
        // Registering a plugin class again is harmless; a built-in made with
        // Outputter.of is one per name, so another one under a taken name is an impostor.
        if (had != null && (had.getClass() != o.getClass() || o instanceof Outputter.Named)) {
            throw new IllegalStateException("outputter '" + name + "' is already registered by "
                    + had.getClass().getName() + "; " + o.getClass().getName() + " cannot take it");
        }
        BY_NAME.put(name, o);
    }

    /**
     * The outputter named by {@code --out}; null or "" mean nested, and "text" is Salt's
     * alias for txt. An unknown name fails with the list of valid ones (Salt falls back to
     * nested with a log line, which hides typos in scripts).
     */
    public static synchronized Outputter get(String name) {
        if (name == null || name.isEmpty()) {
            name = DEFAULT;
        } else if (name.equals("text")) {
            name = "txt";
        }
        Outputter o = BY_NAME.get(name);
        if (o == null) {
            throw new IllegalArgumentException("Invalid outputter '" + name + "' specified; valid outputters are: "
                    + String.join(", ", names()));
        }
        return o;
    }

    /** Names {@code --out} accepts, sorted. */
    public static synchronized List<String> names() {
        return new ArrayList<>(BY_NAME.keySet());
    }
}
