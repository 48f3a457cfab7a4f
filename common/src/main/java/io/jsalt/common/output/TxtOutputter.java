package io.jsalt.common.output;

import io.jsalt.common.py.PyPformat;
import io.jsalt.common.py.PyRepr;
import io.jsalt.common.py.PyText;
import io.jsalt.common.text.Printable;
import java.util.Map;

/**
 * Salt's txt outputter (salt/output/txt.py): for a dict, one "key: line" per line of each
 * string value (so an empty string prints nothing) and "key: str(value)" for anything else;
 * a bare string is printed as is, other data through pprint.pformat. Never coloured.
 */
public final class TxtOutputter {
    private TxtOutputter() {}

    /** The text for data (registered as {@code txt} in {@link Outputters}). */
    public static String format(Object data, OutputOptions opts) {
        StringBuilder sb = new StringBuilder();
        data = Printable.data(data); // ids and minion output print escaped
        if (data instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = PyRepr.str(e.getKey());
                Object value = e.getValue();
                if (value instanceof String s) {
                    for (String line : PyText.splitlines(s)) {
                        sb.append(key).append(": ").append(line).append('\n');
                    }
                } else if (value instanceof byte[] b) {
                    // bytes.splitlines() (\n, \r, \r\n only) yields bytes, shown as b'...'.
                    for (byte[] line : splitBytes(b)) {
                        sb.append(key).append(": ").append(PyRepr.repr(line)).append('\n');
                    }
                } else {
                    sb.append(key).append(": ").append(PyRepr.str(value)).append('\n');
                }
            }
        } else if (data instanceof String s) {
            sb.append(s).append('\n');
        } else {
            sb.append(PyPformat.pformat(data)).append('\n');
        }
        return sb.toString();
    }

    private static java.util.List<byte[]> splitBytes(byte[] b) {
        java.util.List<byte[]> out = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n' || b[i] == '\r') {
                out.add(java.util.Arrays.copyOfRange(b, start, i));
                if (b[i] == '\r' && i + 1 < b.length && b[i + 1] == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < b.length) {
            out.add(java.util.Arrays.copyOfRange(b, start, b.length));
        }
        return out;
    }
}
