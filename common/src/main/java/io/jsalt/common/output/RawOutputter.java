package io.jsalt.common.output;

import io.jsalt.common.py.PyRepr;

/**
 * Salt's raw outputter (salt/output/raw.py): str(data), the Python repr of the whole
 * structure on one line, e.g. {@code {'web1': {'os': 'Debian', 'cpus': 4}}}.
 */
public final class RawOutputter implements Outputter {

    @Override
    public String name() {
        return "raw";
    }

    @Override
    public String format(Object data, OutputOptions opts) {
        return PyRepr.str(data);
    }
}
