package io.jsalt.common.render;

import com.hubspot.jinjava.lib.tag.Tag;

/**
 * A Jinjava tag of ours: its name, and whether it has a body closed by "end" and the name
 * (Jinja's convention: for/endfor, load_yaml/endload_yaml), are fixed when it is made, so
 * each tag class holds only how it interprets itself.
 */
abstract class NamedTag implements Tag {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String endName;

    NamedTag(String name, boolean hasBody) {
        this.name = name;
        this.endName = hasBody ? "end" + name : null;
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
