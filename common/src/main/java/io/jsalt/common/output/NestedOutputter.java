package io.jsalt.common.output;

import io.jsalt.common.py.PyRepr;
import io.jsalt.common.py.PyText;
import io.jsalt.common.text.Printable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Salt's default outputter (salt/output/nested.py): one value per line, dict keys followed
 * by ':', their values indented 4 more, nested dicts opened by a '----------' line, list
 * items as '- item', and lists or dicts inside lists under a '|_' marker indented 2.
 *
 * <p>Keys are sorted: Salt keeps insertion order only for OrderedDict, and everything a
 * minion returns reaches the CLI as a plain dict (msgpack), so {@code pillar.items} and
 * {@code grains.items} print alphabetically there. Colours: keys and '----------' cyan
 * (red when the retcode is not 0), strings green, numbers and True/False/None bold yellow,
 * '|_' green (red on a non-zero retcode).
 */
public final class NestedOutputter implements Outputter {
    private final boolean sortKeys;

    /** Sorted keys, as Salt prints every minion return. */
    public NestedOutputter() {
        this(true);
    }

    /** With sortKeys false, keys print in map order (Salt's OrderedDict case). */
    public NestedOutputter(boolean sortKeys) {
        this.sortKeys = sortKeys;
    }

    @Override
    public String name() {
        return "nested";
    }

    @Override
    public String format(Object data, OutputOptions opts) {
        List<String> out = new ArrayList<>();
        // Ids and everything a minion returned print escaped: no string may drive the terminal.
        new Walk(Colors.of(opts.color()), opts.retcode()).display(Printable.data(data), opts.nestedIndent(), "", out);
        return String.join("\n", out);
    }

    private final class Walk {
        private final Colors c;
        private final int retcode;

        Walk(Colors c, int retcode) {
            this.c = c;
            this.retcode = retcode;
        }

        private String line(int indent, String color, String msg, String prefix, String suffix) {
            return " ".repeat(indent) + color + prefix + msg + c.endc + suffix;
        }

        void display(Object ret, int indent, String prefix, List<String> out) {
            if (ret instanceof byte[] b) {
                String s = PyText.utf8OrNull(b);
                if (s == null) {
                    // Undecodable bytes match none of nested.py's branches: nothing is printed.
                    return;
                }
                ret = Printable.text(s);
            }
            if (ret == null || ret instanceof Boolean) {
                out.add(line(indent, c.lightYellow, PyRepr.repr(ret), prefix, ""));
            } else if (ret instanceof Number) {
                out.add(line(indent, c.lightYellow, PyRepr.repr(ret), prefix, ""));
            } else if (ret instanceof String s) {
                boolean first = true;
                for (String l : PyText.splitlines(s)) {
                    String linePrefix = first ? prefix : " ".repeat(PyText.len(prefix));
                    out.add(line(indent, c.green, l, linePrefix, ""));
                    first = false;
                }
            } else if (ret instanceof List<?> list) {
                String color = retcode != 0 ? c.red : c.green;
                for (Object item : list) {
                    if (item instanceof List || item instanceof Map) {
                        out.add(line(indent, color, "|_", "", ""));
                        display(item, indent + 2, item instanceof Map ? "" : "- ", out);
                    } else {
                        display(item, indent, "- ", out);
                    }
                }
            } else if (ret instanceof Map<?, ?> map) {
                String color = retcode != 0 ? c.red : c.cyan;
                if (indent != 0) {
                    out.add(line(indent, color, "----------", "", ""));
                }
                List<Object> keys = new ArrayList<>(map.keySet());
                if (sortKeys) {
                    keys.sort((a, b) -> PyText.CODE_POINT_ORDER.compare(String.valueOf(a), String.valueOf(b)));
                }
                for (Object key : keys) {
                    out.add(line(indent, color, String.valueOf(key), prefix, ":"));
                    display(map.get(key), indent + 4, "", out);
                }
            }
            // Anything else matches no branch of nested.py and prints nothing.
        }
    }
}
