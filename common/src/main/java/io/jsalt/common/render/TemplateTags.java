package io.jsalt.common.render;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter.InterpreterScopeClosable;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * include, import and from, loading templates only through the file roots (salt:// names,
 * root-relative names, and ./x relative to tpldir), with Jinja2's modifiers
 * ({@code ignore missing}, {@code with context}, {@code without context}).
 */
final class TemplateTags {
    private TemplateTags() {}

    /** A template found and parsed. */
    record Loaded(String rel, Node tree) {}

    /** Resolves a name expression (a string or a list of candidates) to a parsed template. */
    static Optional<Loaded> load(JinjavaInterpreter interpreter, TagNode node, String nameExpr) {
        RenderState state = SaltInterpreter.state(interpreter);
        Object value = interpreter.resolveELExpression(nameExpr, node.getLineNumber());
        List<Object> candidates = value instanceof List<?> l ? new ArrayList<>(l) : List.of(PyValues.str(value));
        for (Object c : candidates) {
            String rel = state.resolve(PyValues.str(c));
            Optional<String> text = state.read(rel);
            if (text.isPresent()) {
                interpreter.getContext().getCurrentPathStack().pushWithoutCycleCheck(rel, node.getLineNumber(),
                        node.getStartPosition());
                try {
                    return Optional.of(new Loaded(rel, state.cache().parse(interpreter, text.get())));
                } finally {
                    interpreter.getContext().getCurrentPathStack().pop();
                }
            }
        }
        return Optional.empty();
    }

    static RenderErrors.TemplateProblem notFound(JinjavaInterpreter interpreter, String nameExpr) {
        return new RenderErrors.TemplateProblem("template " + nameExpr + " not found in the file roots of saltenv '"
                + SaltInterpreter.state(interpreter).ctx().saltenv() + "'");
    }

    /** Renders a loaded template in the current context, as include does. */
    static String renderHere(JinjavaInterpreter interpreter, TagNode node, Loaded t) {
        RenderState state = SaltInterpreter.state(interpreter);
        state.enter(t.rel());
        try (InterpreterScopeClosable c = interpreter.enterScope()) {
            interpreter.getContext().getCurrentPathStack().pushWithoutCycleCheck(t.rel(), node.getLineNumber(),
                    node.getStartPosition());
            StringBuilder out = new StringBuilder();
            for (Node n : t.tree().getChildren()) {
                out.append(n.render(interpreter));
            }
            interpreter.getContext().getCurrentPathStack().pop();
            return out.toString();
        } finally {
            state.leave();
        }
    }

    /** Renders a loaded template as a module (import/from): returns its exported names. */
    static Map<String, Object> renderModule(JinjavaInterpreter interpreter, TagNode node, Loaded t) {
        RenderState state = SaltInterpreter.state(interpreter);
        state.enter(t.rel());
        JinjavaInterpreter child = interpreter.getConfig().getInterpreterFactory().newInstance(interpreter);
        child.getContext().put(Context.IMPORT_RESOURCE_PATH_KEY, t.rel());
        child.getContext().getCurrentPathStack().pushWithoutCycleCheck(t.rel(), node.getLineNumber(),
                node.getStartPosition());
        JinjavaInterpreter.pushCurrent(child);
        try {
            for (Node n : t.tree().getChildren()) {
                n.render(child);
            }
        } finally {
            JinjavaInterpreter.popCurrent();
            state.leave();
        }
        Map<String, Object> exports = new LinkedHashMap<>();
        child.getContext().getSessionBindings().forEach((k, v) -> {
            if (!k.equals(Context.GLOBAL_MACROS_SCOPE_KEY) && !k.equals(Context.IMPORT_RESOURCE_PATH_KEY)) {
                exports.put(k, v);
            }
        });
        exports.putAll(child.getContext().getGlobalMacros());
        return exports;
    }

    /** A template imported by import or from: what the tag names after its keyword, and the exports. */
    record Module(String names, Loaded template, Map<String, Object> exports) {}

    /**
     * The one reading of both import forms: the tag's text splits at its keyword into the
     * template expression and the names, the names must fit the form (else Jinja2's "expected"
     * error), and the template is loaded and rendered as a module.
     */
    static Module module(JinjavaInterpreter interpreter, TagNode node, String tag, String keyword,
            Predicate<String> namesFit, String form) {
        String[] parts = Exprs.splitTopLevel(withoutContextModifier(node.getHelpers()), keyword);
        if (parts[1] == null || !namesFit.test(parts[1])) {
            throw new RenderErrors.TemplateProblem("expected '" + form + "', got '" + tag + node.getHelpers() + "'");
        }
        Loaded t = load(interpreter, node, parts[0]).orElseThrow(() -> notFound(interpreter, parts[0]));
        return new Module(parts[1], t, renderModule(interpreter, node, t));
    }

    /** Strips Jinja2's context modifiers, which change nothing here: Salt's names are globals. */
    static String withoutContextModifier(String helpers) {
        String s = Exprs.stripSuffix(helpers, "(with|without)\\s+context");
        return s == null ? helpers.trim() : s;
    }

    /** {@code {% include 'x' [ignore missing] [with context] %}}. */
    static String include(TagNode node, JinjavaInterpreter interpreter) {
        String h = withoutContextModifier(node.getHelpers());
        String stripped = Exprs.stripSuffix(h, "ignore\\s+missing");
        String expr = stripped == null ? h : stripped;
        Optional<Loaded> t = load(interpreter, node, expr);
        if (t.isEmpty()) {
            if (stripped != null) {
                return "";
            }
            throw notFound(interpreter, expr);
        }
        return renderHere(interpreter, node, t.get());
    }

    /** {@code {% import 'x' as name [with context] %}}. */
    static String importAs(TagNode node, JinjavaInterpreter interpreter) {
        Module m = module(interpreter, node, "import", "as", names -> names.matches("\\w+"),
                "import <template> as <name>");
        interpreter.getContext().put(m.names(), m.exports());
        return "";
    }

    /** {@code {% from 'x' import a, b as c [with context] %}}. */
    static String fromImport(TagNode node, JinjavaInterpreter interpreter) {
        Module m = module(interpreter, node, "from", "import", names -> !names.isBlank(),
                "from <template> import <names>");
        Map<String, Object> exports = m.exports();
        for (String item : m.names().split(",")) {
            String[] nameAs = item.trim().split("\\s+as\\s+");
            String name = nameAs[0].trim();
            String alias = nameAs.length > 1 ? nameAs[1].trim() : name;
            if (!exports.containsKey(name)) {
                throw new RenderErrors.TemplateProblem("the template '" + m.template().rel()
                        + "' does not export the requested name '" + name + "'");
            }
            Object v = exports.get(name);
            if (v instanceof MacroFunction macro) {
                interpreter.getContext().addGlobalMacro(name.equals(alias) ? macro : macro.cloneWithNewName(alias));
            } else {
                interpreter.getContext().put(alias, v);
            }
        }
        return "";
    }
}
