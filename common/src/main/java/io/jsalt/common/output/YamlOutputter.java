package io.jsalt.common.output;

import io.jsalt.common.data.Data;
import io.jsalt.common.data.PyYamlResolver;
import io.jsalt.common.py.PyYamlRepresenter;
import io.jsalt.common.py.PyText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Salt's yaml outputter (salt/output/yaml_out.py): salt.utils.yaml.safe_dump, i.e. PyYAML's
 * yaml.dump with allow_unicode=True and PyYAML's defaults: block style, keys sorted (plain
 * dicts, which is what minion returns are), 2-space indent, sequences not indented under
 * their key, 80-column folding. {@code --out-indent N} sets the indent (PyYAML honours
 * 2..9 only); a negative N switches to flow style.
 */
public final class YamlOutputter {
    private YamlOutputter() {}

    /** The text for data (registered as {@code yaml} in {@link Outputters}). */
    public static String format(Object data, OutputOptions opts) {
        DumperOptions d = new DumperOptions();
        d.setAllowUnicode(true);
        d.setWidth(80);
        d.setIndicatorIndent(0);
        Integer oi = opts.outputIndent();
        if (oi != null && oi < 0) {
            d.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
            d.setIndent(2);
        } else {
            d.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            // PyYAML's Emitter ignores an indent outside 2..9 and keeps 2.
            d.setIndent(oi != null && oi > 1 && oi < 10 ? oi : 2);
        }
        LoaderOptions lo = new LoaderOptions();
        org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml(
                new SafeConstructor(lo), new PyYamlRepresenter(d), d, lo, new PyYamlResolver());
        String text = upperHexEscapes(yaml, yaml.dump(sorted(data)));
        if (openEnded(data, text)) {
            // PyYAML ends a document whose root is a plain scalar with '...'.
            text += "...\n";
        }
        return text;
    }

    private static final java.util.regex.Pattern HEX_ESCAPE =
            java.util.regex.Pattern.compile("\\\\(?:\\\\|x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8})");

    /**
     * PyYAML writes \\x7F, SnakeYAML \\x7f. Such escapes exist only inside double-quoted
     * scalars, so find those through the parser and upper-case the hex digits there alone.
     */
    private static String upperHexEscapes(org.yaml.snakeyaml.Yaml yaml, String text) {
        if (!text.contains("\\x") && !text.contains("\\u") && !text.contains("\\U")) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text);
        for (org.yaml.snakeyaml.events.Event ev : yaml.parse(new java.io.StringReader(text))) {
            if (ev instanceof org.yaml.snakeyaml.events.ScalarEvent se
                    && se.getScalarStyle() == DumperOptions.ScalarStyle.DOUBLE_QUOTED) {
                int from = text.offsetByCodePoints(0, se.getStartMark().getIndex());
                int to = text.offsetByCodePoints(0, se.getEndMark().getIndex());
                java.util.regex.Matcher m = HEX_ESCAPE.matcher(text).region(from, to);
                while (m.find()) {
                    if (!m.group().equals("\\\\")) {
                        sb.replace(m.start() + 2, m.end(), m.group().substring(2).toUpperCase());
                    }
                }
            }
        }
        return sb.toString();
    }

    private static boolean openEnded(Object data, String text) {
        if (data instanceof Map || data instanceof List || text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first != '\'' && first != '"' && first != '!' && first != '|' && first != '>';
    }

    /** PyYAML sorts plain dict keys (sort_keys=True) by Python's str order. */
    private static Object sorted(Object o) {
        if (o instanceof Map<?, ?> m) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
            entries.sort((a, b) -> PyText.CODE_POINT_ORDER.compare(
                    String.valueOf(a.getKey()), String.valueOf(b.getKey())));
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : entries) {
                out.put(e.getKey(), sorted(e.getValue()));
            }
            return out;
        }
        if (o instanceof List<?> l) {
            return Data.mapItems(l, YamlOutputter::sorted);
        }
        return o;
    }
}
