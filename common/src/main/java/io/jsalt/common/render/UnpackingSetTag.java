package io.jsalt.common.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.SetTag;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.parse.TagToken;
import java.util.Arrays;
import java.util.List;

/**
 * Jinja2's {@code {% set a, b = value %}}: one list, tuple or string value unpacked into the
 * names, as Python's assignment does ({@code {% set name, version = pkg.split('=') %}}).
 * Jinjava's set wants one expression per name; with several it is left to Jinjava.
 */
final class UnpackingSetTag extends SetTag {
    private static final long serialVersionUID = 1L;

    @Override
    public String interpret(TagNode node, JinjavaInterpreter interpreter) {
        String helpers = node.getHelpers();
        int eq = helpers.indexOf('=');
        String names = eq < 0 ? "" : helpers.substring(0, eq);
        String expr = eq < 0 ? "" : helpers.substring(eq + 1).strip();
        if (!names.contains(",") || expr.startsWith("=") || Exprs.hasTopLevelComma(expr)) {
            return super.interpret(node, interpreter);
        }
        String[] vars = Arrays.stream(names.split(",")).map(String::strip).toArray(String[]::new);
        List<Object> values = SaltFilters.toList(interpreter.resolveELExpression(expr, node.getLineNumber()));
        if (values.size() < vars.length) {
            throw new RenderErrors.TemplateProblem("not enough values to unpack (expected " + vars.length
                    + ", got " + values.size() + ")");
        }
        if (values.size() > vars.length) {
            throw new RenderErrors.TemplateProblem("too many values to unpack (expected " + vars.length + ")");
        }
        executeSet((TagToken) node.getMaster(), interpreter, vars, values, false);
        return "";
    }
}
