package io.jsalt.minion.custom;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.Family;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.ForeignError;
import io.jsalt.common.plugin.FunctionNotAvailable;
import io.jsalt.common.plugin.InvocationError;
import io.jsalt.common.plugin.Plugin;
import io.jsalt.common.plugin.Registry;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One synced custom module (a {@code _modules/NAME.py} or {@code _states/NAME.py}) as a
 * plugin: each of its functions runs {@link #run} with the call, which hands it to
 * {@link PyBridge}. Outcomes map to Salt's (salt/minion.py _thread_return): a
 * CommandExecutionError is "ERROR: message", a SaltInvocationError "ERROR executing",
 * a TypeError "Passed invalid arguments", anything else the Python traceback.
 */
public final class PyModule implements Plugin {
    private static final Method RUN;

    static {
        try {
            RUN = PyModule.class.getMethod("run", Call.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final String kind;
    private final Path file;
    private final CustomModules owner;

    PyModule(String name, String kind, Path file, CustomModules owner) {
        this.name = name;
        this.kind = kind;
        this.file = file;
        this.owner = owner;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Family family() {
        return kind.equals(CustomModules.STATES) ? Family.STATE : Family.EXECUTION;
    }

    @Override
    public String doc() {
        return "Custom " + (kind.equals(CustomModules.STATES) ? "state" : "execution") + " module " + file;
    }

    Path file() {
        return file;
    }

    /** The registry entry of one of its functions. */
    Registry.Function function(String fun, String doc) {
        return new Registry.Function(fun, this, RUN, new Meta(doc));
    }

    /** Runs the called function in python3. */
    @SuppressWarnings("unchecked")
    public Object run(Call c) {
        Context ctx = c.ctx();
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("op", "call");
        req.put("kind", kind);
        req.put("file", file.toString());
        req.put("fun", c.fun());
        req.put("args", c.args());
        Map<String, Object> kwargs = new LinkedHashMap<>(c.kwargs());
        // The state run's bookkeeping stays here (Salt's __running__ is not offered).
        kwargs.remove("__reqs__");
        kwargs.remove("__running__");
        req.put("kwargs", kwargs);
        req.put("test", ctx.test());
        Object env = kwargs.get("__env__") != null ? kwargs.get("__env__") : ctx.opts().get("saltenv");
        req.put("saltenv", env == null ? "base" : String.valueOf(env));
        req.put("opts", PyBridge.plainContext(owner.opts(ctx)));
        req.put("grains", PyBridge.plainContext(ctx.grains()));
        req.put("pillar", PyBridge.plainContext(ctx.pillar()));
        Map<String, Object> out = PyBridge.run(req, owner.callbacks(ctx), c.fun());
        if (!out.containsKey("error")) {
            if (out.get("retcode") instanceof Number n) {
                c.retcode(n.intValue());
            }
            return out.get("ret");
        }
        Map<String, Object> err = (Map<String, Object>) out.get("error");
        String type = String.valueOf(err.get("type"));
        String message = String.valueOf(err.get("message"));
        String traceback = String.valueOf(err.get("traceback"));
        throw switch (type) {
            case "unavailable" -> new FunctionNotAvailable(Registry.virtualFalse(name, message));
            case "missing" -> new FunctionNotAvailable(message);
            case "CommandExecutionError", "CannotCross" -> new CommandExecutionError(message);
            case "SaltInvocationError" -> new InvocationError(message);
            case "CommandNotFoundError" -> new ForeignError(
                    "Command required for '" + c.fun() + "' not found: " + message, traceback);
            case "TypeError" -> new Call.InvalidArguments(c.fun(), message, String.valueOf(err.get("doc")));
            default -> new ForeignError("The minion function caused an exception: " + traceback, traceback);
        };
    }

    /** The {@link Fn} of a custom function: its docstring; examples are the module's own business. */
    private static final class Meta implements Fn {
        private final String doc;

        Meta(String doc) {
            this.doc = doc == null || doc.isBlank() ? "(custom module function without a docstring)" : doc;
        }

        @Override
        public String name() {
            return "";
        }

        @Override
        public String doc() {
            return doc;
        }

        @Override
        public String example() {
            return "";
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return Fn.class;
        }
    }

    @Override
    public String toString() {
        return "PyModule[" + kind + "." + name + " " + file + "]";
    }
}
