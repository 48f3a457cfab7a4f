package io.jsalt.common.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpreterFactory;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;

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

    SaltInterpreter(SaltInterpreter parent) {
        super(parent);
        this.state = parent.state;
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
