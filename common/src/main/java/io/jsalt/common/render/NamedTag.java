package io.jsalt.common.render;

import com.hubspot.jinjava.lib.tag.Tag;

/**
 * A Jinjava tag of ours: its name and the name of its end tag (null for a tag without a
 * body) are fixed when it is made, so each tag class holds only how it interprets itself.
 */
abstract class NamedTag implements Tag {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String endName;

    /** @param endName the closing tag's name, or null when the tag has no body */
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
