package io.jsalt.common.output;

import io.jsalt.common.py.PyText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Salt's no_return outputter (salt/output/no_return.py), which the salt CLI uses for the
 * "Minion did not return" notices unless {@code --out} names another outputter: keys cyan
 * and sorted, string lines red. Unlike nested, the colour code comes before the indent.
 */
public final class NoReturnOutputter {
    private NoReturnOutputter() {}

    /** The text for data (registered as {@code no_return} in {@link Outputters}). */
    public static String format(Object data, OutputOptions opts) {
        StringBuilder sb = new StringBuilder();
        display(sb, Colors.of(opts.color()), data, 0);
        return sb.toString();
    }

    private static void display(StringBuilder sb, Colors c, Object ret, int indent) {
        if (ret instanceof String s) {
            // str.split('\n'), not splitlines: a trailing newline gives an empty last line.
            for (String line : s.split("\n", -1)) {
                sb.append(c.red).append(" ".repeat(indent)).append(line).append(c.endc).append('\n');
            }
        } else if (ret instanceof Map<?, ?> m) {
            List<Object> keys = new ArrayList<>(m.keySet());
            keys.sort((a, b) -> PyText.CODE_POINT_ORDER.compare(String.valueOf(a), String.valueOf(b)));
            for (Object key : keys) {
                sb.append(c.cyan).append(" ".repeat(indent)).append(key).append(c.endc).append(":\n");
                display(sb, c, m.get(key), indent + 4);
            }
        }
    }
}
