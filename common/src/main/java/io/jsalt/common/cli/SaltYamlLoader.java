package io.jsalt.common.cli;

import io.jsalt.common.data.Data;
import io.jsalt.common.data.PyYamlResolver;
import io.jsalt.common.data.SaltSafeConstructor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.scanner.ScannerImpl;
import org.yaml.snakeyaml.tokens.AliasToken;
import org.yaml.snakeyaml.tokens.AnchorToken;
import org.yaml.snakeyaml.tokens.Token;

/**
 * YAML exactly as {@code salt.utils.yaml.safe_load} (SaltYamlSafeLoader on PyYAML 6, Salt
 * 3006) types a scalar, which differs from SnakeYAML's defaults in ways a CLI user sees:
 *
 * <ul>
 *   <li>PyYAML's implicit resolvers: a float needs a dot and a signed exponent
 *       ({@code 1e5} and {@code 1.5e3} stay strings), and {@code =} is the "value" tag that
 *       has no constructor (so it fails and the caller keeps the text).</li>
 *   <li>Salt's {@code construct_scalar} strips leading zeros off ints, so {@code 0644} is
 *       644, not octal 420 ({@code 0x}/{@code 0b} untouched, {@code -0644} still octal).</li>
 *   <li>Timestamps are constructed as their text: {@code 2024-01-02} stays a string.</li>
 * </ul>
 *
 * <p>{@link #load} returns raw SnakeYAML objects ({@code byte[]} for !!binary, {@code Set}
 * for !!set) so {@link ArgParser} can reject the types Salt rejects; {@link #toModel} then
 * brings the result into the {@link Data} model. Not thread-safe per load; a fresh
 * SnakeYAML instance is made each call.
 */
final class SaltYamlLoader {
    static final Tag YAML_TAG = new Tag("tag:yaml.org,2002:yaml");

    // PyYAML 6 resolver.py's yaml resolver; the others are PyYamlResolver's.
    private static final Pattern PY_YAML = Pattern.compile("^(?:!|&|\\*)$");

    private static final Pattern ANCHOR_NAME = Pattern.compile("[0-9A-Za-z_-]+");

    private SaltYamlLoader() {}

    /** Parses one document the way Salt would; throws on anything PyYAML would reject. */
    static Object load(String text) {
        if (text.startsWith("%")) {
            // A directive must be followed by a "---" line, which one line cannot have;
            // PyYAML fails here, SnakeYAML would read an empty document.
            throw new IllegalArgumentException("directive without document start");
        }
        LoaderOptions lo = new LoaderOptions();
        lo.setAllowDuplicateKeys(false); // SaltYamlSafeLoader: "found conflicting ID"
        DumperOptions unused = new DumperOptions();
        Yaml yaml = new Yaml(new SaltConstructor(lo), new Representer(unused), unused, lo,
                new LoaderResolver());
        checkAnchorNames(text, lo);
        return yaml.load(text);
    }

    /**
     * PyYAML's scan_anchor: a name of [0-9A-Za-z_-] followed by a space, the end or one of
     * {@code ?:,]}%@`}. SnakeYAML 2 takes any non-space name ("&B~"), so check first.
     */
    private static void checkAnchorNames(String text, LoaderOptions lo) {
        if (text.indexOf('&') < 0 && text.indexOf('*') < 0) {
            return;
        }
        ScannerImpl scanner = new ScannerImpl(new StreamReader(text), lo);
        while (!scanner.checkToken(Token.ID.StreamEnd)) {
            Token t = scanner.getToken();
            String name;
            if (t instanceof AnchorToken a) {
                name = a.getValue();
            } else if (t instanceof AliasToken a) {
                name = a.getValue();
            } else {
                continue;
            }
            if (!ANCHOR_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("invalid anchor name: " + name);
            }
            int end = t.getEndMark().getIndex();
            if (end < text.length() && "\0 \t\r\n\u0085\u2028\u2029?:,]}%@`".indexOf(text.charAt(end)) < 0) {
                throw new IllegalArgumentException("invalid character after anchor " + name);
            }
        }
    }

    /**
     * Converts a loaded value into the {@link Data} model. Self-referencing anchors
     * ({@code &a [*a]}) cannot be published, so they are an error here.
     */
    static Object toModel(Object o) {
        checkAcyclic(o, Collections.newSetFromMap(new IdentityHashMap<>()));
        return Data.normalize(o);
    }

    private static void checkAcyclic(Object o, Set<Object> path) {
        if (!(o instanceof Map) && !(o instanceof Iterable)) {
            return;
        }
        if (!path.add(o)) {
            throw new IllegalArgumentException("recursive YAML structure");
        }
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                checkAcyclic(e.getKey(), path);
                checkAcyclic(e.getValue(), path);
            }
        } else {
            for (Object item : (Iterable<?>) o) {
                checkAcyclic(item, path);
            }
        }
        path.remove(o);
    }

    /**
     * PyYAML's implicit resolvers as its loader has them (YAML 1.1 as PyYAML reads it):
     * the dumper's set, plus the empty scalar as null and the "!", "&", "*" yaml scalars.
     */
    private static final class LoaderResolver extends PyYamlResolver {
        @Override
        protected void addImplicitResolvers() {
            super.addImplicitResolvers();
            addImplicitResolver(Tag.NULL, NULL, null); // the empty scalar
            addImplicitResolver(YAML_TAG, PY_YAML, "!&*");
        }
    }

    /** Salt's int rule (shared with SLS and pillar), plus PyYAML's float and timestamp. */
    private static final class SaltConstructor extends SaltSafeConstructor {
        SaltConstructor(LoaderOptions lo) {
            super(lo);
            yamlConstructors.put(Tag.FLOAT, new ConstructPyFloat());
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructText());
        }

        private final class ConstructText extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                return constructScalar((ScalarNode) node);
            }
        }

        /** PyYAML construct_yaml_float. */
        private final class ConstructPyFloat extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                String value = constructScalar((ScalarNode) node).replace("_", "").toLowerCase();
                double sign = 1;
                if (value.charAt(0) == '-') {
                    sign = -1;
                }
                if (value.charAt(0) == '-' || value.charAt(0) == '+') {
                    value = value.substring(1);
                }
                if (value.equals(".inf")) {
                    return sign * Double.POSITIVE_INFINITY;
                }
                if (value.equals(".nan")) {
                    return Double.NaN;
                }
                if (value.contains(":")) {
                    List<String> parts = new ArrayList<>(List.of(value.split(":", -1)));
                    Collections.reverse(parts);
                    double base = 1;
                    double out = 0;
                    for (String p : parts) {
                        out += Double.parseDouble(p) * base;
                        base *= 60;
                    }
                    return sign * out;
                }
                return sign * Double.parseDouble(value);
            }
        }
    }
}
