package io.jsalt.common.render;

import com.hubspot.jinjava.lib.tag.Tag;

/**
 * A Jinjava tag of ours: its name, and whether it has a body closed by "end" and the name
 * (Jinja's convention: for/endfor) or by another end tag (Salt's load_yaml/endload), are
 * fixed when it is made, so each tag class holds only how it interprets itself.
 */
abstract class NamedTag implements Tag {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String endName;

    NamedTag(String name, boolean hasBody) {
        this(name, hasBody ? "end" + name : null);
    }

    NamedTag(String name, String endName) {
        this.name = name;
        this.endName = endName;
    }

    @Override
    public final String getName() {
        return name;
    }

    @Override
    public final String getEndTagName() {
        return endName;
    }
}
