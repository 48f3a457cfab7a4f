package io.jsalt.common.render;

import com.hubspot.jinjava.el.ext.NamedParameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELException;

/**
 * Python's methods on str, dict and list, as Salt trees call them ({@code x.startswith('a')},
 * {@code d.items()}, {@code l.append(1)}). Any other method on those types is an error, as
 * in Python, so templates never reach the Java methods behind them.
 */
final class PyMethods extends ValueResolver {

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
        if (!(base instanceof String || base instanceof Map || base instanceof List) || method == null) {
            return null;
        }
        String name = method.toString();
        List<Object> args = new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (Object p : params == null ? new Object[0] : params) {
            if (p instanceof NamedParameter np) {
                kwargs.put(np.getName(), np.getValue());
            } else {
                args.add(p);
            }
        }
        spreadArgs(args, kwargs);
        Object result = call(base, name, args, kwargs);
        context.setPropertyResolved(true);
        return result;
    }

    /**
     * f(a, *items): PySyntax passed the iterable as one named argument; Python spreads its items
     * after the other positional arguments (a string's characters, a dict's keys).
     */
    static void spreadArgs(List<Object> args, Map<String, Object> kwargs) {
        if (!kwargs.containsKey(PySyntax.ARGS_NAME)) {
            return;
        }
        Object items = kwargs.remove(PySyntax.ARGS_NAME);
        if (items instanceof Map<?, ?> m) {
            args.addAll(m.keySet());
        } else if (items instanceof Iterable<?> it) {
            it.forEach(args::add);
        } else if (items instanceof String str) {
            str.codePoints().forEach(cp -> args.add(new String(Character.toChars(cp))));
        } else {
            throw new ELException("argument after * must be an iterable, not " + PyOperators.typeName(items));
        }
    }

    /** Calls a Python method of a str, dict or list; an unknown one is Python's AttributeError. */
    static Object call(Object base, String name, List<Object> args, Map<String, Object> kwargs) {
        if (base instanceof String s) {
            return PyStrMethods.call(s, name, args, kwargs);
        } else if (base instanceof Map<?, ?> m) {
            return dictMethod(m, name, args, kwargs);
        }
        return listMethod((List<?>) base, name, args);
    }

    /**
     * A method str, dict or list lacks: Jinja2's getattr finds neither an attribute nor an item
     * and gives an undefined value, and calling that raises UndefinedError
     * ({@code 'list object' has no attribute 'items'}; jinja2/environment.py getattr,
     * jinja2/runtime.py Undefined.__call__), which Salt reports as "Jinja variable ...".
     */
    static RuntimeException noAttribute(Object base, String name) {
        return Undefined.member(base, name).error();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object dictMethod(Map m, String name, List<Object> a, Map<String, Object> kw) {
        switch (name) {
            case "get":
                return m.containsKey(arg(a, 0)) ? m.get(arg(a, 0)) : arg(a, 1);
            case "keys":
                return new ArrayList<>(m.keySet());
            case "values":
                return new ArrayList<>(m.values());
            case "items": {
                List<Object> out = new ArrayList<>();
                for (Object e : m.entrySet()) {
                    Map.Entry en = (Map.Entry) e;
                    // Python's items are (key, value) tuples; they print as such.
                    SaltFilters.PyTuple pair = new SaltFilters.PyTuple();
                    pair.add(en.getKey());
                    pair.add(en.getValue());
                    out.add(pair);
                }
                return out;
            }
            case "update":
                if (!a.isEmpty() && a.get(0) instanceof Map other) {
                    m.putAll(other);
                } else if (!a.isEmpty() && a.get(0) != null) {
                    throw new ELException("dict.update() expects a dict");
                }
                m.putAll(kw);
                return null;
            case "setdefault":
                if (!m.containsKey(arg(a, 0))) {
                    m.put(arg(a, 0), arg(a, 1));
                }
                return m.get(arg(a, 0));
            case "pop":
                if (m.containsKey(arg(a, 0))) {
                    return m.remove(arg(a, 0));
                }
                if (a.size() > 1) {
                    return a.get(1);
                }
                throw new ELException("KeyError: " + PyValues.str(arg(a, 0)));
            case "copy":
                return new LinkedHashMap<>(m);
            case "has_key":
                return m.containsKey(arg(a, 0));
            case "clear":
                m.clear();
                return null;
            default:
                throw noAttribute(m, name);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object listMethod(List l, String name, List<Object> a) {
        switch (name) {
            case "append":
                l.add(arg(a, 0));
                return null;
            case "extend":
                if (arg(a, 0) instanceof Iterable<?> it) {
                    for (Object x : it) {
                        l.add(x);
                    }
                }
                return null;
            case "insert": {
                int i = (int) index(arg(a, 0), l.size() + 1);
                l.add(Math.max(0, Math.min(i, l.size())), arg(a, 1));
                return null;
            }
            case "pop": {
                if (l.isEmpty()) {
                    throw new ELException("IndexError: pop from empty list");
                }
                int i = a.isEmpty() ? l.size() - 1 : (int) index(a.get(0), l.size());
                return l.remove(i);
            }
            case "remove":
                if (!l.remove(arg(a, 0))) {
                    throw new ELException("ValueError: list.remove(x): x not in list");
                }
                return null;
            case "index": {
                // list.index(x, start, end): the first match within l[start:end].
                int from = a.size() > 1 ? (int) Math.max(0, Math.min(l.size(), index(a.get(1), l.size()))) : 0;
                int to = a.size() > 2 ? (int) Math.max(from, Math.min(l.size(), index(a.get(2), l.size()))) : l.size();
                int i = l.subList(from, to).indexOf(arg(a, 0));
                i = i < 0 ? -1 : i + from;
                if (i < 0) {
                    throw new ELException("ValueError: " + PyValues.str(arg(a, 0)) + " is not in list");
                }
                return (long) i;
            }
            case "count":
                return (long) Collections.frequency(l, arg(a, 0));
            case "reverse":
                Collections.reverse(l);
                return null;
            case "sort":
                l.sort(SaltFilters.PY_ORDER);
                return null;
            case "copy":
                return new ArrayList<>(l);
            default:
                throw noAttribute(l, name);
        }
    }

    private static long index(Object o, int size) {
        long i = ((Number) o).longValue();
        return i < 0 ? size + i : i;
    }

    private static Object arg(List<Object> a, int i) {
        return i < a.size() ? a.get(i) : null;
    }

    private static final java.util.regex.Pattern SCALAR_KEY = java.util.regex.Pattern.compile("-?\\d+|true|false|null");

    /**
     * {@code d[False]} and {@code d[1]}: Jinjava hands the subscript over as text ("false",
     * "1"), so a dict with Python's non-string keys is searched for the key that prints so.
     */
    private static Object scalarKey(Map<?, ?> m, String p) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object k = e.getKey();
            if ((k instanceof Number || k instanceof Boolean || k == null) && String.valueOf(k).equals(p)) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * {@code d.key} and {@code d['key']} on dicts, answered here because Jinjava would first
     * ask its bean resolver, whose class checks cost a quarter of a render. Python's str has
     * no data attributes, so {@code s.name} is None here rather than a Java bean property.
     */
    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base instanceof Map<?, ?> m && property instanceof String p) {
            context.setPropertyResolved(true);
            Object v = m.get(p);
            return v != null || m.containsKey(p) || !SCALAR_KEY.matcher(p).matches() ? v : scalarKey(m, p);
        }
        if (base instanceof String s && property instanceof String p) {
            context.setPropertyResolved(true);
            return INDEX.matcher(p).matches() ? charAt(s, p) : null;
        }
        return null;
    }

    /** Jinjava hands an int subscript over as its text ({@code s[1]} asks for "1"). */
    private static final java.util.regex.Pattern INDEX = java.util.regex.Pattern.compile("-?\\d{1,9}");

    /**
     * Python's s[i]: the character at i, from the end when negative. Past either end Jinja2's
     * getitem catches the IndexError and gives an undefined value (jinja2/environment.py
     * getitem), so {@code ''[0] | default('x')} is x and printing it fails as any undefined does.
     */
    private static Object charAt(String s, String index) {
        long i = Long.parseLong(index);
        int[] cps = s.codePoints().toArray();
        long at = i < 0 ? cps.length + i : i;
        if (at < 0 || at >= cps.length) {
            return Undefined.strict() ? Undefined.member(s, index) : null;
        }
        return new String(cps, (int) at, 1);
    }
}
