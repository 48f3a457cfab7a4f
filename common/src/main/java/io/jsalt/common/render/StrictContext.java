package io.jsalt.common.render;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.Map;
import java.util.Set;

/**
 * The root context of a render and of every scope in it (a loop, a macro call, an imported
 * template: {@link SaltInterpreter}). Jinjava resolves an unknown filter or test to nothing
 * and prints an empty string; Jinja2 refuses the template, and so does this.
 */
final class StrictContext extends Context {
    StrictContext(Context parent, Map<String, ?> bindings) {
        super(parent, bindings);
    }

    /** A scope in a render, as Jinjava's own scopes are made (JinjavaInterpreter.enterScope). */
    StrictContext(Context parent, Map<Library, Set<String>> disabled, boolean newCallStacks) {
        super(parent, null, disabled, newCallStacks);
    }

    // Jinjava records every resolved name for its own dependency reports, in the scope and
    // again in each scope around it; nothing here reads them, and the bookkeeping cost a
    // sixth of a render.
    @Override
    public void addResolvedValue(String value) {}

    @Override
    public void addResolvedExpression(String expression) {}

    @Override
    public void addResolvedFunction(String function) {}

    @Override
    public Filter getFilter(String name) {
        return known(super.getFilter(name), "filter", name);
    }

    @Override
    public ExpTest getExpTest(String name) {
        return known(super.getExpTest(name), "test", name);
    }

    /** Jinja2's message for a filter or test it does not know, where Jinjava would go on silently. */
    private static <T> T known(T found, String kind, String name) {
        if (found == null) {
            throw new RenderErrors.TemplateProblem("No " + kind + " named '" + name + "'.", true);
        }
        return found;
    }
}
