package io.jsalt.common.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import com.hubspot.jinjava.lib.tag.MacroTag;
import com.hubspot.jinjava.tree.TagNode;
import java.util.LinkedHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja2's {@code {% macro name(a, b=default) %}}, whose signature is read as Jinja2's parser
 * reads it (jinja2/parser.py parse_signature: arguments separated by commas outside strings and
 * brackets, each a name with an optional default expression). Jinjava's own macro tag takes the
 * text up to the first {@code )} and splits it at every comma, so a default holding a
 * parenthesis or a comma broke the signature: {@code lb='\n'} (which the template source
 * rewrite turns into a call to unescape the string) or {@code sep=', '}, as in the nginx
 * formula's server.conf. The macro itself is Jinjava's.
 */
final class MacroDefTag extends MacroTag {
    private static final long serialVersionUID = 1L;
    private static final Pattern NAME = Pattern.compile("([A-Za-z_]\\w*)\\s*\\(");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_]\\w*");

    @Override
    public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
        String helpers = tagNode.getHelpers().strip();
        Matcher m = NAME.matcher(helpers);
        int close = m.lookingAt() ? Exprs.indexOfTopLevel(helpers, m.end(), at -> helpers.charAt(at) == ')') : -1;
        if (close < 0 || !helpers.substring(close + 1).isBlank()) {
            throw syntaxError(tagNode, "Unable to parse macro definition: " + helpers);
        }
        LinkedHashMap<String, Object> params = new LinkedHashMap<>();
        for (String param : Exprs.splitTopLevelCommas(helpers.substring(m.end(), close))) {
            int eq = Exprs.indexOfTopLevel(param, at -> param.charAt(at) == '=');
            String name = (eq < 0 ? param : param.substring(0, eq)).strip();
            if (!IDENTIFIER.matcher(name).matches()) {
                throw syntaxError(tagNode, "Unable to parse macro definition: '" + name + "' is not an argument name");
            }
            // Jinjava evaluates a default once, where the macro is defined; Jinja2 each time it
            // is called without that argument, which gives the same value for the literals and
            // names formulas use as defaults.
            params.put(name, eq < 0 ? null
                    : interpreter.resolveELExpression(param.substring(eq + 1).strip(), tagNode.getLineNumber()));
        }
        MacroFunction macro = constructMacroFunction(tagNode, interpreter, m.group(1), params);
        interpreter.getContext().addGlobalMacro(macro);
        return "";
    }

    private static TemplateSyntaxException syntaxError(TagNode tagNode, String message) {
        return new TemplateSyntaxException(tagNode.getMaster().getImage(), message, tagNode.getLineNumber(),
                tagNode.getStartPosition());
    }
}
