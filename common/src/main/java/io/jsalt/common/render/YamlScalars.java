package io.jsalt.common.render;

import com.hubspot.jinjava.objects.SafeString;
import java.util.List;
import java.util.Map;

/**
 * How a template rendered for YAML prints a value when its context asks for it
 * ({@link RenderContext.Builder#yamlScalarOutput}): so that no value can add YAML
 * structure, whatever it contains. The reactor renders event data this way; Salt pastes
 * the value's text as it is, and a minion id with a newline becomes new reactions.
 *
 * <ul>
 *   <li>a string YAML would read as one plain scalar in block and flow context alike (ids,
 *       host names, tags, numbers) prints unchanged, so {@code tgt: {{ data['id'] }}} and
 *       {@code - {{ data['data']['port'] }}} mean what they always meant;</li>
 *   <li>any other string prints as a YAML double-quoted scalar, every character that is not
 *       plain printable text escaped ({@code "evil\ninjected: ..."}), one line;</li>
 *   <li>dicts and lists print in YAML flow style with every string inside treated the same
 *       way (Salt prints their Python repr, which YAML reads the same for plain values);</li>
 *   <li>the one-line output of the serializing filters ({@code json}, {@code tojson},
 *       {@code yaml}, {@code yaml_encode}, {@code yaml_dquote}, {@code yaml_squote}) and
 *       {@code |safe} values print unchanged: they are already YAML, or the template author
 *       said so.</li>
 * </ul>
 */
final class YamlScalars {
    /** Filters whose output is already a YAML value; kept as is when it is one line. */
    static final java.util.Set<String> SERIALIZERS =
            java.util.Set.of("json", "tojson", "yaml", "yaml_encode", "yaml_dquote", "yaml_squote");

    private YamlScalars() {}

    /** The text to print for {@code value}; {@code str} is what Salt would print. */
    static String print(Object value, String str, RenderState state) {
        Object v = value instanceof SafeString ? value : PyValues.unwrap(value);
        if (v instanceof SafeString) {
            return str;
        }
        if (v instanceof String s && state.isSerialized(value)) {
            return oneLine(s) ? s : io.jsalt.common.py.PyYaml.dquote(s);
        }
        if (v == null || v instanceof Boolean || v instanceof Number) {
            return str;
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            StringBuilder sb = new StringBuilder();
            flow(v, sb);
            return sb.toString();
        }
        return scalar(str);
    }

    /** A string as a YAML scalar: plain when that is safe anywhere, else double-quoted. */
    static String scalar(String s) {
        return plainSafe(s) ? s : io.jsalt.common.py.PyYaml.dquote(s);
    }

    private static void flow(Object o, StringBuilder sb) {
        Object v = PyValues.unwrap(o);
        if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ", ");
                flow(e.getKey(), sb);
                sb.append(": ");
                flow(e.getValue(), sb);
                first = false;
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                sb.append(i > 0 ? ", " : "");
                flow(l.get(i), sb);
            }
            sb.append(']');
        } else if (v == null || v instanceof Boolean || v instanceof Number) {
            sb.append(PyValues.str(v)); // None, True, 1.5: what Salt's repr prints
        } else {
            sb.append(scalar(PyValues.str(v)));
        }
    }

    /**
     * Letters and digits of any script and {@code . _ - / @ + = ~ * ^ $ %}, not starting with
     * an indicator or a dash: YAML reads such text as exactly one plain scalar whether it
     * follows {@code key: }, {@code - } or sits in a flow collection. Anything else (spaces,
     * {@code : # , [ ] { } & ! | > ' " ? `}, controls, an empty string) is quoted.
     */
    static boolean plainSafe(String s) {
        if (s.isEmpty()) {
            return false;
        }
        int first = s.codePointAt(0);
        if (!(Character.isLetterOrDigit(first) || first == '_' || first == '/' || first == '.'
                || (first == '-' && s.length() > 1 && Character.isLetterOrDigit(s.codePointAt(1))))) {
            return false;
        }
        if (s.startsWith("...") || s.startsWith("---")) {
            return false; // document markers
        }
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (!(Character.isLetterOrDigit(cp) || "._-/@+=~*^$%".indexOf(cp) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean oneLine(String s) {
        return s.chars().noneMatch(c -> c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029);
    }
}
