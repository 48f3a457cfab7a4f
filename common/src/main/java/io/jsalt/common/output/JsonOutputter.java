package io.jsalt.common.output;

import io.jsalt.common.py.PyJson;
import io.jsalt.common.py.PyRepr;

/**
 * Salt's json outputter (salt/output/json_out.py): Python's json.dumps with
 * ensure_ascii=False (salt.utils.json.dumps) and default=repr, keys in map order.
 * Without {@code --out-indent} it indents 4; {@code --out-indent N} indents N (0 still
 * breaks lines), a negative N puts everything on one line with ", " and ": ".
 */
public final class JsonOutputter {
    private JsonOutputter() {}

    /** The text for data (registered as {@code json} in {@link Outputters}). */
    public static String format(Object data, OutputOptions opts) {
        Integer indent = opts.outputIndent() == null ? Integer.valueOf(4)
                : opts.outputIndent() >= 0 ? opts.outputIndent() : null;
        return PyJson.dumps(data, style(indent));
    }

    /** json.dumps(o, ensure_ascii=False, indent=None): one line, as Salt's compact form. */
    public static String dumps(Object o) {
        return PyJson.dumps(o, style(null));
    }

    /** salt.utils.json.dumps: ensure_ascii=False, keys in map order, default=repr. */
    private static PyJson.Style style(Integer indent) {
        return new PyJson.Style(false, false, indent, PyRepr::repr);
    }
}
