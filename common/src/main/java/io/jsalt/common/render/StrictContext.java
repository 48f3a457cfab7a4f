package io.jsalt.common.render;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.Map;

/**
 * The root context of a render. Jinjava resolves an unknown filter or test to nothing and
 * prints an empty string; Jinja2 refuses the template, and so does this.
 */
final class StrictContext extends Context {
    StrictContext(Context parent, Map<String, ?> bindings) {
        super(parent, bindings);
    }

    // Jinjava records every resolved name for its own dependency reports; nothing here reads
    // them, and the bookkeeping costs a sixth of a render.
    @Override
    public void addResolvedValue(String value) {}

    @Override
    public void addResolvedExpression(String expression) {}

    @Override
    public void addResolvedFunction(String function) {}

    @Override
    public Filter getFilter(String name) {
        Filter f = super.getFilter(name);
        if (f == null) {
            throw new RenderErrors.TemplateProblem("No filter named '" + name + "'.", true);
        }
        return f;
    }

    @Override
    public ExpTest getExpTest(String name) {
        ExpTest t = super.getExpTest(name);
        if (t == null) {
            throw new RenderErrors.TemplateProblem("No test named '" + name + "'.", true);
        }
        return t;
    }
}
