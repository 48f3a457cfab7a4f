package io.jsalt.common.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import io.jsalt.common.data.Data;
import io.jsalt.common.py.PyJson;
import io.jsalt.common.py.PyRegex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Salt's Jinja filters (salt/utils/jinja.py, salt/utils/data.py) and the Jinja2 filters
 * that Jinjava lacks or implements differently, each with Python's semantics.
 */
final class SaltFilters {
    private SaltFilters() {}

    /** A filter body: value, positional and keyword arguments. */
    interface Body {
        Object apply(Object value, List<Object> args, Map<String, Object> kwargs);
    }

    /** Adapts a body to Jinjava's Filter interface. */
    record Named(String name, Body body) implements Filter {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            return marked(interpreter, body.apply(var, args == null ? List.of() : Arrays.asList(args),
                    kwargs == null ? Map.of() : kwargs));
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            return marked(interpreter, body.apply(var, Arrays.asList((Object[]) args), Map.of()));
        }

        /** A serializer's output is YAML already: a YAML-scalar render prints it as it is. */
        private Object marked(JinjavaInterpreter interpreter, Object out) {
            if (YamlScalars.SERIALIZERS.contains(name) && interpreter instanceof SaltInterpreter s && s.state != null) {
                s.state.markSerialized(out);
            }
            return out;
        }
    }

    /**
     * Jinja2's select and reject: with a test name they are Jinjava's; without one they keep
     * (or drop) the truthy items (jinja2/filters.py, select_or_reject with no test).
     */
    record Truthy(String name, boolean keep, Filter withTest) implements Filter {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            if (args != null && args.length > 0) {
                return withTest.filter(var, interpreter, args, kwargs);
            }
            return byTruth(var);
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            return args != null && args.length > 0 ? withTest.filter(var, interpreter, args) : byTruth(var);
        }

        private List<Object> byTruth(Object var) {
            List<Object> out = new ArrayList<>();
            for (Object x : toList(var)) {
                if (PyValues.truthy(x) == keep) {
                    out.add(x);
                }
            }
            return out;
        }
    }

    /** A Python tuple: a list that prints as ('a', 'b'), as Salt's regex filters return. */
    static final class PyTuple extends ArrayList<Object> implements io.jsalt.common.py.PyRepr.Tuple {
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            return io.jsalt.common.py.PyRepr.repr(PyValues.unwrap(this));
        }
    }

    /** Python's ordering for sort/min/max: numbers by value, strings by code point. */
    static final Comparator<Object> PY_ORDER = (a, b) -> PyOperators.compare(a, b, "<");

    static List<Filter> all() {
        List<Filter> f = new ArrayList<>();
        f.add(new Named("yaml", (v, a, k) -> yaml(v, truthy(arg(a, k, 0, "flow_style", true)))));
        f.add(new Named("json", (v, a, k) -> PyJson.dumps(PyValues.toData(v), truthy(arg(a, k, 0, "sort_keys", true)),
                intOrNull(arg(a, k, 1, "indent", null)))));
        // salt.utils.jinja.tojson: json.dumps with ensure_ascii on unless told, keys as they come.
        f.add(new Named("tojson", (v, a, k) -> htmlSafe(PyJson.dumps(PyValues.toData(v), new PyJson.Style(
                truthy(k.getOrDefault("ensure_ascii", true)), truthy(k.getOrDefault("sort_keys", false)),
                intOrNull(arg(a, k, 0, "indent", null)), Object::toString)))));
        f.add(new Named("yaml_encode", (v, a, k) -> yamlEncode(v)));
        f.add(new Named("yaml_dquote", (v, a, k) -> io.jsalt.common.py.PyYaml.dquote(PyValues.str(v))));
        f.add(new Named("yaml_squote", (v, a, k) -> "'" + PyValues.str(v).replace("'", "''") + "'"));
        f.add(new Named("regex_replace", (v, a, k) -> regexReplace(v, a, k)));
        f.add(new Named("regex_match", (v, a, k) -> regexGroups(v, a, k, true)));
        f.add(new Named("regex_search", (v, a, k) -> regexGroups(v, a, k, false)));
        f.add(new Named("regex_escape", (v, a, k) -> PyRegex.escape(PyValues.str(v))));
        f.add(new Named("to_bool", (v, a, k) -> toBool(v)));
        f.add(new Named("sequence", (v, a, k) -> v instanceof List || v instanceof Map ? v : new ArrayList<>(List.of(v))));
        f.add(new Named("quote", (v, a, k) -> shellQuote(PyValues.str(v))));
        f.add(new Named("min", (v, a, k) -> extreme(v, a, k, -1)));
        f.add(new Named("max", (v, a, k) -> extreme(v, a, k, 1)));
        f.add(new Named("truncate", SaltFilters::truncate));
        f.add(new Named("sort", SaltFilters::sort));
        f.add(new Named("join", SaltFilters::join));
        f.add(new Named("string", (v, a, k) -> PyValues.str(v)));
        f.add(new Named("default", SaltFilters::defaultValue));
        f.add(new Named("d", SaltFilters::defaultValue));
        f.add(new Named("items", (v, a, k) -> items(v)));
        // Jinja2's list is Python's list(): a dict gives its keys (jinjava would wrap the dict).
        f.add(new Named("list", (v, a, k) -> toList(v)));
        f.add(new Truthy("select", true, new com.hubspot.jinjava.lib.filter.SelectFilter()));
        f.add(new Truthy("reject", false, new com.hubspot.jinjava.lib.filter.RejectFilter()));
        f.add(new Named("load_yaml", (v, a, k) -> io.jsalt.common.data.Yaml.load(yamlText(v), "load_yaml")));
        f.add(new Named("load_json", (v, a, k) -> DataTags.parse("json", PyValues.str(v), "load_json", 0)));
        f.add(new Named("md5", (v, a, k) -> digest("MD5", v)));
        f.add(new Named("sha256", (v, a, k) -> digest("SHA-256", v)));
        f.add(new Named("sha512", (v, a, k) -> digest("SHA-512", v)));
        f.add(new Named("base64_encode", (v, a, k) -> Base64.getEncoder().encodeToString(
                PyValues.str(v).getBytes(StandardCharsets.UTF_8))));
        f.add(new Named("base64_decode", (v, a, k) -> new String(Base64.getDecoder().decode(PyValues.str(v)),
                StandardCharsets.UTF_8)));
        f.add(new Named("path_join", SaltFilters::pathJoin));
        f.add(new Named("dictsort", SaltFilters::dictsort));
        // Salt's filters that live in their own classes; these replace Jinjava's filters of the same name.
        f.addAll(Jinja2Filters.all());
        f.addAll(NetFilters.all());
        f.addAll(DataFilters.all());
        f.addAll(TextFilters.all());
        f.addAll(CheckFilters.all());
        f.addAll(FileFilters.all());
        return f;
    }

    /**
     * Jinja2's default(value, default_value='', boolean=False): the default for an undefined
     * value, or with boolean=True for any false one; None stays None (jinja2/filters.py
     * do_default). With Salt's allow_undefined an undefined name is None and takes the
     * default. Jinjava's own turned every default into a string and any None into the default.
     */
    private static Object defaultValue(Object v, List<Object> a, Map<String, Object> k) {
        Object dflt = arg(a, k, 0, "default_value", "");
        boolean bool = truthy(k.containsKey("truthy") ? k.get("truthy") : arg(a, k, 1, "boolean", false));
        boolean undefined = v instanceof Undefined || (!Undefined.strict() && PyValues.unwrap(v) == null);
        return undefined || (bool && !PyValues.truthy(v)) ? dflt : v;
    }

    static Object arg(List<Object> a, Map<String, Object> k, int i, String name, Object dflt) {
        if (k.containsKey(name)) {
            return k.get(name);
        }
        return i < a.size() ? a.get(i) : dflt;
    }

    private static boolean truthy(Object o) {
        if (o instanceof String s) {
            return !s.isEmpty() && !s.equalsIgnoreCase("false");
        }
        return PyValues.truthy(o);
    }

    private static Integer intOrNull(Object o) {
        return o == null ? null : Integer.valueOf(PyValues.str(o));
    }

    /**
     * Salt's yaml filter (salt/utils/jinja.py SerializerExtension.format_yaml): PyYAML's
     * safe_dump in flow style by default, stripped, no '...' end.
     */
    static String yaml(Object v, boolean flow) {
        return io.jsalt.common.py.PyYaml.dump(PyValues.toData(v), flow);
    }

    /** salt.utils.yamlencoding.yaml_encode: scalars only, strings double-quoted. */
    static String yamlEncode(Object v) {
        Object d = PyValues.toData(v);
        if (d instanceof Map || d instanceof List) {
            throw new IllegalArgumentException("yaml_encode() only works with YAML scalar data; failed for "
                    + io.jsalt.common.data.Yaml.typeName(d));
        }
        if (d == null) {
            return "null";
        }
        if (d instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (d instanceof Number) {
            return PyValues.str(d);
        }
        return io.jsalt.common.py.PyYaml.dquote(d.toString());
    }

    private static String htmlSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027");
    }

    /** A Python pattern with the filters' ignorecase and multiline switches ({@link PyRegex}). */
    static Pattern pattern(String rx, boolean ignorecase, boolean multiline) {
        int flags = (ignorecase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0)
                | (multiline ? Pattern.MULTILINE : 0);
        return PyRegex.compile(rx, flags);
    }

    private static Object regexReplace(Object v, List<Object> a, Map<String, Object> k) {
        Pattern p = pattern(PyValues.str(arg(a, k, 0, "regex", "")), truthy(arg(a, k, 2, "ignorecase", false)),
                truthy(arg(a, k, 3, "multiline", false)));
        return PyRegex.sub(p, PyValues.str(arg(a, k, 1, "replace", "")), PyValues.str(v), 0);
    }

    /** Salt's regex_match / regex_search: the match's groups, or None. */
    private static Object regexGroups(Object v, List<Object> a, Map<String, Object> k, boolean anchored) {
        Pattern p = pattern(PyValues.str(arg(a, k, 0, "rgx", "")), truthy(arg(a, k, 1, "ignorecase", false)),
                truthy(arg(a, k, 2, "multiline", false)));
        Matcher m = p.matcher(PyValues.str(v));
        boolean found = anchored ? m.lookingAt() : m.find();
        if (!found) {
            return null;
        }
        PyTuple groups = new PyTuple();
        for (int i = 1; i <= m.groupCount(); i++) {
            groups.add(m.group(i));
        }
        if (groups.isEmpty()) {
            groups.add(m.group()); // a pattern without groups gives the whole match, as Salt's filters do
        }
        return groups;
    }

    /**
     * salt.utils.jinja.to_bool: strings yes/1/true in any case, ints above 0, lists and dicts
     * when not empty; floats and every other hashable value are False.
     */
    static boolean toBool(Object v) {
        Object d = PyValues.unwrap(v);
        if (d == null) {
            return false;
        }
        if (d instanceof Boolean b) {
            return b;
        }
        if (d instanceof String s) {
            String l = s.toLowerCase(Locale.ROOT);
            return l.equals("yes") || l.equals("1") || l.equals("true");
        }
        if (d instanceof Double || d instanceof Float) {
            return false;
        }
        if (d instanceof Number n) {
            return n.doubleValue() > 0;
        }
        if (d instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (d instanceof PyTuple) {
            return false; // hashable and none of the above: Salt's to_bool falls through to False
        }
        if (d instanceof java.util.Collection<?> c) {
            return !c.isEmpty();
        }
        return false;
    }

    /**
     * The text load_yaml reads: Salt's SerializerExtension.load_yaml hands the value to
     * yaml.safe_load, which fails on anything but text, and reports it as a
     * TemplateRuntimeError, a "Jinja syntax error" in Salt's words.
     */
    private static String yamlText(Object v) {
        Object u = PyValues.unwrap(v);
        if (!(u instanceof String s)) {
            throw new RenderErrors.TemplateProblem("Unable to load yaml from " + PyValues.str(v), true);
        }
        return s;
    }

    static List<Object> toList(Object v) {
        List<Object> out = new ArrayList<>();
        if (v instanceof Map<?, ?> m) {
            out.addAll(m.keySet());
        } else if (v instanceof Iterable<?> it) {
            it.forEach(out::add);
        } else if (v instanceof String s) {
            s.chars().forEach(c -> out.add(String.valueOf((char) c)));
        } else if (v != null) {
            throw new IllegalArgumentException("'" + io.jsalt.common.data.Yaml.typeName(v) + "' object is not iterable");
        }
        return out;
    }

    /** shlex.quote. */
    static String shellQuote(String s) {
        if (s.isEmpty()) {
            return "''";
        }
        if (s.matches("[\\w@%+=:,./-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }

    private static Comparator<Object> keyed(Object attribute, boolean caseSensitive) {
        return (x, y) -> PY_ORDER.compare(sortKey(attr(x, attribute), caseSensitive),
                sortKey(attr(y, attribute), caseSensitive));
    }

    private static Object sortKey(Object o, boolean caseSensitive) {
        Object u = PyValues.unwrap(o);
        return !caseSensitive && u instanceof String s ? s.toLowerCase(Locale.ROOT) : u;
    }

    /** Jinja2's attribute lookup for sort/min/max/map: dotted path, integer parts index lists. */
    static Object attr(Object item, Object attribute) {
        if (attribute == null) {
            return item;
        }
        Object cur = item;
        for (String part : PyValues.str(attribute).split("\\.")) {
            if (cur instanceof Map<?, ?> m) {
                cur = m.get(part);
            } else if (cur instanceof List<?> l && part.matches("-?\\d+")) {
                cur = l.get(Integer.parseInt(part));
            } else {
                return null;
            }
        }
        return cur;
    }

    private static Object extreme(Object v, List<Object> a, Map<String, Object> k, int sign) {
        List<Object> items = toList(v);
        if (items.isEmpty()) {
            return null; // Jinja2 returns Undefined for an empty sequence
        }
        Comparator<Object> c = keyed(arg(a, k, 1, "attribute", null), truthy(arg(a, k, 0, "case_sensitive", false)));
        Object best = items.get(0);
        for (Object o : items) {
            if (sign * c.compare(o, best) > 0) {
                best = o;
            }
        }
        return best;
    }

    /** Jinja2 truncate(s, length=255, killwords=False, end='...', leeway=5). */
    private static Object truncate(Object v, List<Object> a, Map<String, Object> k) {
        String s = PyValues.str(v);
        int length = Integer.parseInt(PyValues.str(arg(a, k, 0, "length", 255L)));
        boolean killwords = truthy(arg(a, k, 1, "killwords", false));
        String end = PyValues.str(arg(a, k, 2, "end", "..."));
        int leeway = Integer.parseInt(PyValues.str(arg(a, k, 3, "leeway", 5L)));
        if (s.length() <= length + leeway) {
            return s;
        }
        int cut = Math.max(0, length - end.length());
        if (killwords) {
            return s.substring(0, cut) + end;
        }
        String head = s.substring(0, cut);
        int sp = head.lastIndexOf(' ');
        return (sp >= 0 ? head.substring(0, sp) : head) + end;
    }

    /** Jinja2 sort(value, reverse=False, case_sensitive=False, attribute=None). */
    private static Object sort(Object v, List<Object> a, Map<String, Object> k) {
        List<Object> items = toList(v);
        Comparator<Object> c = keyed(arg(a, k, 2, "attribute", null), truthy(arg(a, k, 1, "case_sensitive", false)));
        items.sort(truthy(arg(a, k, 0, "reverse", false)) ? c.reversed() : c);
        return items;
    }

    /** Jinja2 join(value, d='', attribute=None), items printed as Python's str(). */
    private static Object join(Object v, List<Object> a, Map<String, Object> k) {
        String sep = PyValues.str(arg(a, k, 0, "d", ""));
        Object attribute = arg(a, k, 1, "attribute", null);
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Object o : toList(v)) {
            if (!first) {
                sb.append(sep);
            }
            first = false;
            sb.append(PyValues.str(attr(o, attribute)));
        }
        return sb.toString();
    }

    private static Object items(Object v) {
        List<Object> out = new ArrayList<>();
        if (v instanceof Map<?, ?> m) {
            m.forEach((key, val) -> {
                PyTuple pair = new PyTuple(); // Jinja2's items and dictsort give (key, value) tuples
                pair.add(key);
                pair.add(val);
                out.add(pair);
            });
        }
        return out;
    }

    /** Jinja2 dictsort(value, case_sensitive=False, by='key', reverse=False). */
    private static Object dictsort(Object v, List<Object> a, Map<String, Object> k) {
        List<Object> pairs = (List<Object>) items(v);
        int idx = "value".equals(PyValues.str(arg(a, k, 1, "by", "key"))) ? 1 : 0;
        Comparator<Object> c = keyed(idx, truthy(arg(a, k, 0, "case_sensitive", false)));
        pairs.sort(truthy(arg(a, k, 2, "reverse", false)) ? c.reversed() : c);
        return pairs;
    }

    private static String digest(String alg, Object v) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(alg)
                    .digest(PyValues.str(v).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Salt's path_join: os.path.join semantics (an absolute part restarts the path). */
    private static Object pathJoin(Object v, List<Object> a, Map<String, Object> k) {
        List<Object> parts = new ArrayList<>();
        parts.add(v);
        parts.addAll(a);
        String out = "";
        for (Object p : parts) {
            String s = PyValues.str(p);
            if (s.startsWith("/") || out.isEmpty()) {
                out = s;
            } else {
                out = out.endsWith("/") ? out + s : out + "/" + s;
            }
        }
        return out;
    }

    static String title(String s) {
        StringBuilder sb = new StringBuilder();
        boolean prevLetter = false;
        for (char c : s.toCharArray()) {
            sb.append(prevLetter ? Character.toLowerCase(c) : Character.toUpperCase(c));
            prevLetter = Character.isLetter(c);
        }
        return sb.toString();
    }
}
