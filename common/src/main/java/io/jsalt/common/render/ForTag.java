package io.jsalt.common.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter.InterpreterScopeClosable;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.NullValue;
import com.hubspot.jinjava.lib.tag.ElseTag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.util.ForLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja2's for loop: {@code for k, v in d.items() if cond}, {@code {% else %}} when nothing
 * was iterated, {@code loop.*} counting only the items the condition kept, break/continue.
 */
final class ForTag extends NamedTag {
    private static final long serialVersionUID = 1L;
    private static final Pattern HEAD = Pattern.compile("^\\s*([\\w\\s,()]+?)\\s+in\\s+(.+?)\\s*$", Pattern.DOTALL);

    ForTag() {
        super("for", true);
    }

    @Override
    public String interpret(TagNode node, JinjavaInterpreter interpreter) {
        Matcher m = HEAD.matcher(node.getHelpers());
        if (!m.matches()) {
            throw new RenderErrors.TemplateProblem("expected 'for <names> in <expression>', got 'for"
                    + node.getHelpers() + "'");
        }
        List<String> vars = new ArrayList<>();
        for (String v : m.group(1).replace("(", "").replace(")", "").split(",")) {
            if (!v.isBlank()) {
                vars.add(v.trim());
            }
        }
        String[] exprAndCond = Exprs.splitTopLevel(m.group(2), "if");
        String expr = exprAndCond[0];
        if (expr.endsWith(" recursive") || (exprAndCond[1] != null && exprAndCond[1].endsWith(" recursive"))) {
            throw new RenderErrors.TemplateProblem("recursive for loops are not supported");
        }
        Object collection = interpreter.resolveELExpression(expr, node.getLineNumber());
        List<Object> items = iterate(collection, expr);

        List<Node> body = new ArrayList<>();
        List<Node> elseBody = new ArrayList<>();
        List<Node> target = body;
        for (Node child : node.getChildren()) {
            if (child instanceof TagNode t && t.getTag() instanceof ElseTag && target == body) {
                target = elseBody;
                continue;
            }
            target.add(child);
        }

        StringBuilder out = new StringBuilder();
        try (InterpreterScopeClosable c = interpreter.enterScope()) {
            if (exprAndCond[1] != null) {
                List<Object> kept = new ArrayList<>();
                for (Object item : items) {
                    bind(interpreter, vars, item);
                    if (PyValues.truthy(interpreter.resolveELExpression(exprAndCond[1], node.getLineNumber()))) {
                        kept.add(item);
                    }
                }
                items = kept;
            }
            if (items.isEmpty()) {
                for (Node n : elseBody) {
                    out.append(n.render(interpreter));
                }
                return out.toString();
            }
            ForLoop loop = new PyLoop(items.iterator(), items.size());
            interpreter.getContext().put("loop", loop);
            while (loop.hasNext()) {
                bind(interpreter, vars, loop.next());
                for (Node n : body) {
                    out.append(n.render(interpreter));
                    if (loop.isContinued()) {
                        break;
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * Jinjava's loop object with Jinja2's {@code loop.changed(value)} (jinja2/runtime.py
     * LoopContext.changed): True on the first call and whenever the value differs from the
     * last call's.
     */
    public static final class PyLoop extends ForLoop {
        private Object last;
        private boolean called;

        PyLoop(java.util.Iterator<?> it, int length) {
            super(it, length);
        }

        public boolean changed(Object value) {
            return changedTo(value);
        }

        public boolean changed(Object a, Object b) {
            return changedTo(java.util.Arrays.asList(a, b));
        }

        private boolean changedTo(Object value) {
            if (called && PyOperators.eq(last, value)) {
                return false;
            }
            called = true;
            last = value;
            return true;
        }
    }

    /** What Python iterates: a dict's keys, a list's items, a string's characters. */
    static List<Object> iterate(Object collection, String expr) {
        Undefined.check(collection);
        Object c = collection instanceof NullValue ? null : collection;
        List<Object> items = new ArrayList<>();
        if (c instanceof Map<?, ?> map) {
            items.addAll(map.keySet());
        } else if (c instanceof Iterable<?> it) {
            it.forEach(items::add);
        } else if (c instanceof Object[] arr) {
            items.addAll(List.of(arr));
        } else if (c instanceof String s) {
            s.codePoints().forEach(cp -> items.add(new String(Character.toChars(cp))));
        } else if (c == null) {
            throw new RenderErrors.TemplateProblem("'" + expr + "' is None, which is not iterable");
        } else {
            throw new RenderErrors.TemplateProblem("'" + expr + "' is not iterable (" + PyValues.str(c) + ")");
        }
        return items;
    }

    private static void bind(JinjavaInterpreter interpreter, List<String> vars, Object item) {
        if (vars.size() == 1) {
            put(interpreter, vars.get(0), item);
            return;
        }
        List<Object> parts;
        if (item instanceof Map.Entry<?, ?> e) {
            parts = new ArrayList<>();
            parts.add(e.getKey());
            parts.add(e.getValue());
        } else if (item instanceof List<?> l) {
            parts = new ArrayList<>(l);
        } else {
            throw new RenderErrors.TemplateProblem("cannot unpack " + PyValues.str(item) + " into " + vars);
        }
        if (parts.size() != vars.size()) {
            throw new RenderErrors.TemplateProblem("cannot unpack " + parts.size() + " values into "
                    + vars.size() + " loop variables " + vars);
        }
        for (int i = 0; i < vars.size(); i++) {
            put(interpreter, vars.get(i), parts.get(i));
        }
    }

    private static void put(JinjavaInterpreter interpreter, String name, Object value) {
        // A null would let an outer variable of the same name show through the scope.
        interpreter.getContext().put(name, value == null ? NullValue.INSTANCE : value);
    }
}
