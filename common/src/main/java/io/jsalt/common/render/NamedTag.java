package io.jsalt.common.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.tree.TagNode;
import java.io.Serializable;

/**
 * A Jinjava tag of ours: its name, and whether it has a body closed by "end" and the name
 * (Jinja's convention: for/endfor) or by another end tag (Salt's load_yaml/endload), are
 * fixed when it is made, so each tag class holds only how it interprets itself; a tag with no
 * state of its own is only that, a function ({@link #of}).
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

    /** How a tag with no state of its own interprets itself. */
    @FunctionalInterface
    interface Body extends Serializable {
        String interpret(TagNode node, JinjavaInterpreter interpreter);
    }

    /** The tag NAME without a body (no end tag), interpreted by BODY. */
    static NamedTag of(String name, Body body) {
        return new NamedTag(name, false) {
            private static final long serialVersionUID = 1L;

            @Override
            public String interpret(TagNode node, JinjavaInterpreter interpreter) {
                return body.interpret(node, interpreter);
            }
        };
    }
}
