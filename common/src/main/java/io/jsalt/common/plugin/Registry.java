package io.jsalt.common.plugin;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The loaded plugins of one family. Registration fails fast: an empty, malformed or
 * duplicate module or function name, an undocumented function or a function with the
 * wrong signature stops the daemon at start rather than surprising a user later.
 */
public final class Registry {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** One callable function. */
    public record Function(String name, Plugin module, Method method, Fn meta) {
        public String doc() {
            return meta.doc();
        }

        public String example() {
            return meta.example();
        }
    }

    private final Family family;
    // Sorted and safe to read while refresh() moves a module that became available.
    private final Map<String, Plugin> modules = new ConcurrentSkipListMap<>();
    private final Map<String, String> unavailable = new ConcurrentSkipListMap<>();
    private final Map<String, Function> functions = new ConcurrentSkipListMap<>();
    /** The plugins behind {@link #unavailable}, probed again by {@link #refresh}. */
    private final Map<String, Plugin> waiting = new ConcurrentSkipListMap<>();
    private volatile Extension extension;

    /**
     * Modules defined outside the class path (Salt's custom modules synced from the file
     * roots). A module the extension has loaded replaces the built-in module of that name
     * wholly, as a custom module shadows Salt's own: the built-in's other functions are not
     * reachable while it is there.
     */
    public interface Extension {
        /** True when a loaded custom module has this module name. */
        boolean owns(String module);

        /** The custom function of that full name, or null ({@link #owns} said yes for its module). */
        Function function(String fun);

        /** Why a custom module of that name is not loaded (its __virtual__), or null. */
        String unavailable(String module);
    }

    private Registry(Family family) {
        this.family = family;
    }

    /**
     * Loads every plugin of the family on the class path and checks availability. Only the
     * family's own service interface is asked for, so no other family's plugin is created.
     */
    public static Registry load(Family family, Context probe) {
        List<Plugin> found = new ArrayList<>();
        for (Plugin p : ServiceLoader.load(family.service())) {
            found.add(p);
        }
        return of(family, probe, found);
    }

    /** Builds a registry from given plugins (tests, embedded use). */
    public static Registry of(Family family, Context probe, List<? extends Plugin> plugins) {
        Registry r = new Registry(family);
        List<Plugin> all = new ArrayList<>();
        for (Plugin p : plugins) {
            String name = p.name();
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalStateException("plugin " + p.getClass().getName()
                        + " has an invalid name '" + name + "'");
            }
            if (p.family() != family) {
                throw new IllegalStateException("plugin " + name + " is a " + p.family()
                        + " plugin, not " + family);
            }
            for (Plugin q : all) {
                if (q.name().equals(name)) {
                    throw new IllegalStateException("two " + family + " plugins are named '" + name
                            + "': " + q.getClass().getName() + " and " + p.getClass().getName());
                }
            }
            all.add(p);
        }
        for (Plugin p : all) {
            Map<String, Function> fns = r.collect(p);
            String reason = probe == null ? null : p.unavailableReason(probe);
            if (reason != null) {
                r.unavailable.put(p.name(), reason);
                r.waiting.put(p.name(), p);
                continue;
            }
            r.modules.put(p.name(), p);
            r.functions.putAll(fns);
        }
        return r;
    }

    private Map<String, Function> collect(Plugin p) {
        Map<String, Function> out = new TreeMap<>();
        for (Method m : p.getClass().getMethods()) {
            for (Fn fn : m.getAnnotationsByType(Fn.class)) {
                String short_ = fn.name().isEmpty() ? m.getName() : fn.name();
                String full = p.name() + "." + short_;
                if (!Modifier.isPublic(m.getModifiers()) || m.getParameterCount() != 1
                        || m.getParameterTypes()[0] != Call.class) {
                    throw new IllegalStateException(full + " must be a public method taking one Call");
                }
                if (fn.doc().isBlank() || fn.example().isBlank()) {
                    throw new IllegalStateException(full + " needs a doc and an example");
                }
                if (out.put(full, new Function(full, p, m, fn)) != null) {
                    throw new IllegalStateException("function " + full + " is defined twice");
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("plugin " + p.name() + " has no functions");
        }
        return out;
    }

    /**
     * Salt's module refresh (salt/state.py, State.check_refresh, after a pkg state changed
     * something): probes the modules that were unavailable again and makes those that can
     * run now available. Modules already available stay. Returns the newly available ones.
     */
    public synchronized List<String> refresh(Context probe) {
        List<String> loaded = new ArrayList<>();
        for (Plugin p : new ArrayList<>(waiting.values())) {
            String reason = p.unavailableReason(probe);
            if (reason != null) {
                unavailable.put(p.name(), reason);
                continue;
            }
            functions.putAll(collect(p));
            modules.put(p.name(), p);
            waiting.remove(p.name());
            unavailable.remove(p.name());
            loaded.add(p.name());
        }
        return loaded;
    }

    public Family family() {
        return family;
    }

    /** Puts an extension in front of the built-in modules (see {@link Extension}). */
    public void extend(Extension ext) {
        this.extension = ext;
    }

    private static String moduleOf(String fun) {
        int dot = fun.indexOf('.');
        return dot < 0 ? fun : fun.substring(0, dot);
    }

    public Map<String, Plugin> modules() {
        return Collections.unmodifiableMap(modules);
    }

    /** Modules that loaded but cannot run here, with the reason. */
    public Map<String, String> unavailable() {
        return Collections.unmodifiableMap(unavailable);
    }

    public Map<String, Function> functions() {
        return Collections.unmodifiableMap(functions);
    }

    /** The function of that name: a custom module's when one owns its module, else the built-in. */
    public Function function(String name) {
        Extension ext = extension;
        if (ext != null && ext.owns(moduleOf(name))) {
            return ext.function(name);
        }
        return functions.get(name);
    }

    /** Salt's missing_fun_string. */
    public String missingMessage(String fun) {
        String mod = moduleOf(fun);
        Extension ext = extension;
        String custom = ext == null || ext.owns(mod) ? null : ext.unavailable(mod);
        if (!modules.containsKey(mod) && custom != null) {
            return virtualFalse(mod, custom);
        }
        if (!modules.containsKey(mod) && unavailable.containsKey(mod)) {
            return virtualFalse(mod, unavailable.get(mod));
        }
        return "'" + fun + "' is not available.";
    }

    /** Salt's words for a module its __virtual__ did not load, with the reason. */
    public static String virtualFalse(String module, String reason) {
        return "'" + module + "' __virtual__ returned False: " + reason;
    }

    /** Runs a function; checked exceptions of the implementation are unwrapped. */
    public Object invoke(Call call) {
        Function f = function(call.fun());
        if (f == null) {
            throw new FunctionNotAvailable(missingMessage(call.fun()));
        }
        try {
            return f.method().invoke(f.module(), call);
        } catch (InvocationTargetException e) {
            throw rethrown(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What a function's own throwable becomes for its caller: an unchecked exception as it is
     * (an Error is thrown here), a checked one wrapped. {@link #invoke} and whatever runs a
     * function out of process and rethrows its exception (a test host) go through it, so the
     * caller sees the same in both.
     */
    public static RuntimeException rethrown(Throwable t) {
        if (t instanceof Error err) {
            throw err;
        }
        return t instanceof RuntimeException re ? re : new RuntimeException(t);
    }

    /** Runs a function by name with the given context. */
    public Object invoke(Context ctx, String fun, List<Object> args, Map<String, Object> kwargs) {
        Function f = function(fun);
        return invoke(new Call(ctx, fun, args, kwargs, f == null ? null : f.doc()));
    }

    /** A function table whose calls use the context the supplier gives at call time. */
    public Functions bind(Supplier<Context> ctx) {
        Registry self = this;
        return new Functions() {
            @Override
            public Object call(String fun, List<Object> args, Map<String, Object> kwargs) {
                return self.invoke(ctx.get(), fun, args, kwargs);
            }

            @Override
            public boolean has(String fun) {
                return self.function(fun) != null;
            }

            @Override
            public List<String> refresh() {
                return self.refresh(ctx.get());
            }

            @Override
            public Functions with(java.util.function.UnaryOperator<Context> change) {
                return self.bind(() -> change.apply(ctx.get()));
            }
        };
    }
}
