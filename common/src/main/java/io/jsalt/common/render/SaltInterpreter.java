package io.jsalt.common.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpreterFactory;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.Set;

/**
 * Jinjava's interpreter with Salt's output and error rules: values print as Python's str()
 * does, and an error fails the render at once (naming the file being rendered) instead of
 * being collected while the template goes on printing empty strings.
 */
final class SaltInterpreter extends JinjavaInterpreter {
    final RenderState state;

    SaltInterpreter(Jinjava app, Context context, JinjavaConfig config, RenderState state) {
        super(app, context, config);
        this.state = state;
    }

    /** An imported template's interpreter; its context is a StrictContext too (see below). */
    SaltInterpreter(SaltInterpreter parent) {
        super(parent);
        Context scope = new StrictContext(parent.getContext(), null, true);
        CONTEXT.set(this, scope);
        getConfig().getExecutionMode().prepareContext(scope);
        this.state = parent.state;
    }

    /*
     * Jinjava makes a plain Context for every scope (each loop, macro call and import), and a
     * plain Context records every name resolved in it in sets of its own and of each scope
     * around it: hashing and storing each name three to five times, which nothing reads (see
     * StrictContext). The scope methods below are JinjavaInterpreter's own, making a
     * StrictContext instead; its context and scope depth are private, hence the handles.
     * Jinjava is a pinned dependency: if a version renames the fields, this class fails to
     * load and every render test says so.
     */
    private static final VarHandle CONTEXT;
    private static final VarHandle SCOPE_DEPTH;

    static {
        try {
            MethodHandles.Lookup jinjava = MethodHandles.privateLookupIn(JinjavaInterpreter.class,
                    MethodHandles.lookup());
            CONTEXT = jinjava.findVarHandle(JinjavaInterpreter.class, "context", Context.class);
            SCOPE_DEPTH = jinjava.findVarHandle(JinjavaInterpreter.class, "scopeDepth", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("this Jinjava's JinjavaInterpreter lacks the fields "
                    + "'context' and 'scopeDepth' that SaltInterpreter's scopes set: " + e);
        }
    }

    @Override
    public InterpreterScopeClosable enterScope(Map<Context.Library, Set<String>> disabled) {
        return enter(new StrictContext(getContext(), disabled, true));
    }

    @Override
    public InterpreterScopeClosable enterNonStackingScope() {
        return enter(new StrictContext(getContext(), null, false));
    }

    private InterpreterScopeClosable enter(Context scope) {
        CONTEXT.set(this, scope);
        SCOPE_DEPTH.set(this, getScopeDepth() + 1);
        return new InterpreterScopeClosable();
    }

    /** The render state of the interpreter running a tag or filter. */
    static RenderState state(JinjavaInterpreter interpreter) {
        if (interpreter instanceof SaltInterpreter s && s.state != null) {
            return s.state;
        }
        throw new IllegalStateException("template rendered outside io.jsalt.common.render.Renderer");
    }

    /** What {@code {{ x }}} prints (Jinjava's only caller): Python's str(), or a YAML scalar when asked. */
    @Override
    public String getAsString(Object object) {
        Undefined.check(object);
        String str = PyValues.str(object);
        if (state != null && state.ctx().yamlScalarOutput()) {
            return YamlScalars.print(object, str, state);
        }
        return str;
    }

    @Override
    public void addError(TemplateError error) {
        if (state != null && RenderErrors.isFatal(error)) {
            throw RenderErrors.fromTemplateError(this, error);
        }
        super.addError(error);
    }

    /** Child interpreters (imports, macros) keep the render state. */
    static final class Factory implements InterpreterFactory {
        @Override
        public JinjavaInterpreter newInstance(JinjavaInterpreter orig) {
            if (orig instanceof SaltInterpreter s) {
                return new SaltInterpreter(s);
            }
            return new JinjavaInterpreter(orig);
        }

        @Override
        public JinjavaInterpreter newInstance(Jinjava app, Context context, JinjavaConfig config) {
            return new SaltInterpreter(app, context, config, null);
        }
    }
}
