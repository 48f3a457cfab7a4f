package io.jsalt.common.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Salt's {@code {% profile as 'label' %}...{% endprofile %}} (salt/utils/jinja.py,
 * SerializerExtension): the block renders in place, its variables stay set after it, and the
 * time it took is logged at debug level under the label.
 */
final class ProfileTag extends NamedTag {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ProfileTag.class);

    ProfileTag() {
        super("profile", true);
    }

    @Override
    public String interpret(TagNode node, JinjavaInterpreter interpreter) {
        String h = node.getHelpers().trim();
        if (!h.startsWith("as ")) {
            throw new RenderErrors.TemplateProblem("expected 'profile as <label>', got 'profile " + h + "'");
        }
        Object label = interpreter.resolveELExpression(h.substring(3).trim(), node.getLineNumber());
        long start = System.nanoTime();
        StringBuilder out = new StringBuilder();
        for (Node n : node.getChildren()) {
            out.append(n.render(interpreter));
        }
        LOG.debug("Time (in seconds) to render profile block '{}': {}", PyValues.str(label),
                (System.nanoTime() - start) / 1e9);
        return out.toString();
    }
}
