package io.jsalt.common.py;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;

/**
 * PyYAML's SafeRepresenter choices: floats as represent_float writes them (repr(), '.0'
 * before a bare 'e'), strings always as plain str scalars whose style the emitter picks as
 * PyYAML's does. Salt writes YAML with PyYAML in its yaml outputter and its yaml filter.
 */
public final class PyYamlRepresenter extends Representer {
    public PyYamlRepresenter(DumperOptions d) {
        super(d);
        Represent floats = data -> representFloat(((Number) data).doubleValue());
        this.representers.put(Double.class, floats);
        this.representers.put(Float.class, floats);
        // PyYAML leaves the style of every str to the emitter; SnakeYAML's own
        // representer would turn multi-line text into '|-' and non-printables into !!binary.
        this.representers.put(String.class, data -> representString((String) data));
    }

    private Node representString(String s) {
        // PyYAML never emits a multi-line plain scalar: it falls back to single quotes
        // (or double, which SnakeYAML's emitter still picks when single cannot be used).
        // SnakeYAML would write it plain, so ask for single quotes up front.
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return representScalar(Tag.STR, s, DumperOptions.ScalarStyle.SINGLE_QUOTED);
            }
        }
        return representScalar(Tag.STR, s);
    }

    private Node representFloat(double d) {
        String v;
        if (Double.isNaN(d)) {
            v = ".nan";
        } else if (Double.isInfinite(d)) {
            v = d > 0 ? ".inf" : "-.inf";
        } else {
            v = PyRepr.repr(d).toLowerCase();
            if (!v.contains(".") && v.contains("e")) {
                v = v.replaceFirst("e", ".0e");
            }
        }
        return representScalar(Tag.FLOAT, v);
    }
}
