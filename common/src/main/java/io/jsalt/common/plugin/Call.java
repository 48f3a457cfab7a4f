package io.jsalt.common.plugin;

import io.jsalt.common.data.Data;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One invocation of a plugin function: its context and arguments. Arguments are read as
 * Salt functions read them: by position or by keyword, keyword winning.
 */
public final class Call {
    private final Context ctx;
    private final String fun;
    private final List<Object> args;
    private final Map<String, Object> kwargs;
    private final String doc;
    private Integer retcode;

    public Call(Context ctx, String fun, List<Object> args, Map<String, Object> kwargs, String doc) {
        this.ctx = ctx;
        this.fun = fun;
        this.args = args == null ? new ArrayList<>() : args;
        this.kwargs = kwargs == null ? new LinkedHashMap<>() : kwargs;
        this.doc = doc == null ? "" : doc;
    }

    public Context ctx() {
        return ctx;
    }

    /** The function name as called: {@code test.ping}. */
    public String fun() {
        return fun;
    }

    /**
     * The function's own name, without its module: {@code ping} for {@code test.ping}. A method
     * serving several functions (several {@link Fn} on it) reads here which one was called.
     */
    public String function() {
        return fun.substring(fun.indexOf('.') + 1);
    }

    public List<Object> args() {
        return args;
    }

    public Map<String, Object> kwargs() {
        return kwargs;
    }

    /** Keyword arguments without Salt's internal {@code __pub_*} ones. */
    public Map<String, Object> userKwargs() {
        Map<String, Object> out = new LinkedHashMap<>();
        kwargs.forEach((k, v) -> {
            if (!k.startsWith("__")) {
                out.put(k, v);
            }
        });
        return out;
    }

    public boolean has(int pos, String name) {
        return kwargs.containsKey(name) || (pos >= 0 && pos < args.size());
    }

    public Object arg(int pos, String name, Object dflt) {
        if (name != null && kwargs.containsKey(name)) {
            return kwargs.get(name);
        }
        if (pos >= 0 && pos < args.size()) {
            return args.get(pos);
        }
        return dflt;
    }

    /** A required argument; missing gives Salt's "Passed invalid arguments" error. */
    public Object required(int pos, String name) {
        if (!has(pos, name)) {
            throw new InvalidArguments(fun, shortName() + "() missing 1 required positional argument: '"
                    + name + "'", doc);
        }
        return arg(pos, name, null);
    }

    public String str(int pos, String name, String dflt) {
        Object v = arg(pos, name, dflt);
        return v == null ? null : stringOf(v);
    }

    public String requiredStr(int pos, String name) {
        return stringOf(required(pos, name));
    }

    public boolean bool(int pos, String name, boolean dflt) {
        Object v = arg(pos, name, dflt);
        if (v instanceof String s) {
            return s.equalsIgnoreCase("true") || s.equalsIgnoreCase("yes") || s.equals("1");
        }
        return Data.truthy(v);
    }

    public long integer(int pos, String name, long dflt) {
        return numeric(pos, name, dflt, Number::longValue, Long::parseLong, "an integer");
    }

    public Double number(int pos, String name, Double dflt) {
        return numeric(pos, name, dflt, Number::doubleValue, Double::parseDouble, "a number");
    }

    /**
     * A numeric argument: a number as it is, text parsed (surrounding blanks ignored), null the
     * default; text that does not parse is the caller's error, naming the argument.
     */
    private <T> T numeric(int pos, String name, T dflt, Function<Number, T> fromNumber, Function<String, T> parse,
            String what) {
        Object v = arg(pos, name, dflt);
        if (v instanceof Number n) {
            return fromNumber.apply(n);
        }
        if (v == null) {
            return dflt;
        }
        try {
            return parse.apply(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new InvocationError("'" + name + "' must be " + what + ", got '" + v + "'");
        }
    }

    /** A list argument; a comma-separated string is split, as Salt does for many functions. */
    @SuppressWarnings("unchecked")
    public List<Object> list(int pos, String name, List<Object> dflt) {
        Object v = arg(pos, name, dflt);
        if (v == null) {
            return dflt;
        }
        if (v instanceof List) {
            return (List<Object>) v;
        }
        List<Object> out = new ArrayList<>();
        for (String part : stringOf(v).split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(int pos, String name, Map<String, Object> dflt) {
        Object v = arg(pos, name, dflt);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Map) {
            return (Map<String, Object>) v;
        }
        throw new InvocationError("'" + name + "' must be a dictionary, got " + io.jsalt.common.data.Yaml.typeName(v));
    }

    /** Calls another function with this call's context (test flag and jid carry over). */
    public Object salt(String otherFun, List<Object> a, Map<String, Object> kw) {
        return ctx.functions().call(otherFun, a, kw);
    }

    /** Sets the job's retcode, as Salt's {@code __context__['retcode']}. */
    public void retcode(int code) {
        this.retcode = code;
    }

    public Integer retcode() {
        return retcode;
    }

    private String shortName() {
        int i = fun.indexOf('.');
        return i < 0 ? fun : fun.substring(i + 1);
    }

    /**
     * Adds an argument list written in SLS or YAML to a call's arguments, as module.run,
     * mine_functions and the reactor's args read it: a list holds positional arguments and
     * one-key maps of keyword arguments; a map is all keyword arguments. Returns false, adding
     * nothing, for anything else (null, a lone scalar), which each caller treats its own way.
     */
    public static boolean spread(Object value, List<Object> args, Map<String, Object> kwargs) {
        if (value instanceof List<?> l) {
            for (Object item : l) {
                if (item instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> kwargs.put(String.valueOf(k), v));
                } else {
                    args.add(item);
                }
            }
            return true;
        }
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> kwargs.put(String.valueOf(k), v));
            return true;
        }
        return false;
    }

    private static String stringOf(Object v) {
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return String.valueOf(v);
    }

    /** Salt's TypeError path: "Passed invalid arguments to fun: reason" plus the doc. */
    public static final class InvalidArguments extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String doc;

        public InvalidArguments(String fun, String reason, String doc) {
            super("Passed invalid arguments to " + fun + ": " + reason);
            this.doc = doc;
        }

        public String doc() {
            return doc;
        }
    }
}
