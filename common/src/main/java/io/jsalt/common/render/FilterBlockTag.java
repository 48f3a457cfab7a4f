package io.jsalt.common.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;

/**
 * Jinja2's {@code {% filter upper %}...{% endfilter %}}: the block's output through a filter
 * chain ({@code {% filter replace('a', 'b')|title %}}), which Jinjava lacks.
 */
final class FilterBlockTag extends NamedTag {
    private static final long serialVersionUID = 1L;
    /** The block's text, as the filter chain's input; not a name a template can write. */
    private static final String INPUT = "__filter_block_input";

    FilterBlockTag() {
        super("filter", true);
    }

    @Override
    public String interpret(TagNode node, JinjavaInterpreter interpreter) {
        String chain = node.getHelpers().strip();
        if (chain.isEmpty()) {
            throw new RenderErrors.TemplateProblem("expected a filter name after 'filter'");
        }
        // The block is a scope of its own: what it sets stays inside, as in Jinja2.
        try (JinjavaInterpreter.InterpreterScopeClosable scope = interpreter.enterScope()) {
            StringBuilder body = new StringBuilder();
            for (Node n : node.getChildren()) {
                body.append(n.render(interpreter));
            }
            interpreter.getContext().put(INPUT, body.toString());
            return PyValues.str(interpreter.resolveELExpression(INPUT + "|" + chain, node.getLineNumber()));
        }
    }
}
