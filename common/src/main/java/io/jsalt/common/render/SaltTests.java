package io.jsalt.common.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import java.util.List;
import java.util.Map;

/**
 * Jinja tests Salt adds: {@code list}, {@code match} and {@code equalto} (salt/utils/jinja.py),
 * and Jinja2's own tests where Jinjava's differ (jinja2/tests.py): a string is iterable and a
 * sequence, a bool is a number, odd and even are Python's {@code value % 2} (an error for text); Jinja's {@code callable},
 * which Jinjava lacks.
 */
final class SaltTests {
    private SaltTests() {}

    record Named(String name, java.util.function.BiPredicate<Object, Object[]> test) implements ExpTest {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
            // With a name=value argument Jinjava hands a test all its arguments as one list.
            if (args != null && args.length == 1 && args[0] instanceof List<?> l
                    && l.stream().anyMatch(x -> x instanceof com.hubspot.jinjava.el.ext.NamedParameter)) {
                args = l.toArray();
            }
            return test.test(var, args);
        }
    }

    /** A test's argument by position, or by name when the template passed it as name=value. */
    static Object param(Object[] a, int i, String name) {
        for (Object o : a) {
            if (o instanceof com.hubspot.jinjava.el.ext.NamedParameter np && np.getName().equals(name)) {
                return np.getValue();
            }
        }
        return i < a.length && !(a[i] instanceof com.hubspot.jinjava.el.ext.NamedParameter) ? a[i] : null;
    }

    /** Python's {@code x in seq}: a substring of text, a key of a dict, an equal item of a list. */
    static boolean contains(Object seq, Object x) {
        Undefined.check(seq);
        Undefined.check(x);
        Object s = PyValues.unwrap(seq);
        Object item = PyValues.unwrap(x);
        if (s instanceof String text) {
            if (!(item instanceof String sub)) {
                throw new IllegalArgumentException("'in <string>' requires string as left operand, not "
                        + PyOperators.typeName(item));
            }
            return text.contains(sub);
        }
        Iterable<?> items = s instanceof Map<?, ?> m ? m.keySet() : SaltFilters.toList(s);
        for (Object y : items) {
            if (PyOperators.eq(y, item)) {
                return true;
            }
        }
        return false;
    }

    private static boolean defined(Object v) {
        if (v instanceof Undefined) {
            return false;
        }
        return Undefined.strict() || (v != null && !(v instanceof com.hubspot.jinjava.interpret.NullValue));
    }

    static List<ExpTest> all() {
        return List.of(
                // Jinja2's defined/undefined: only an undefined value is undefined, None is
                // defined (jinja2/tests.py test_defined). With Salt's allow_undefined a missing
                // name is None, which then counts as undefined, as it always has in jsalt.
                new Named("defined", (v, a) -> defined(v)),
                new Named("undefined", (v, a) -> !defined(v)),
                // jinja2/tests.py test_none: `value is None`; a loop variable holding None is
                // Jinjava's NullValue (ForTag), which is None too.
                new Named("none", (v, a) -> v == null || v instanceof com.hubspot.jinjava.interpret.NullValue),
                new Named("list", (v, a) -> v instanceof List),
                new Named("mapping", (v, a) -> v instanceof Map),
                new Named("string", (v, a) -> PyValues.unwrap(v) instanceof String),
                new Named("number", (v, a) -> PyValues.unwrap(v) instanceof Number || v instanceof Boolean),
                new Named("iterable", (v, a) -> PyValues.unwrap(v) instanceof String || v instanceof Iterable
                        || v instanceof Map),
                new Named("sequence", (v, a) -> PyValues.unwrap(v) instanceof String || v instanceof List
                        || v instanceof Map),
                new Named("escaped", (v, a) -> v instanceof com.hubspot.jinjava.objects.SafeString),
                new Named("odd", (v, a) -> PyOperators.eq(PyOperators.mod(null, v, 2L), 1L)),
                new Named("even", (v, a) -> PyOperators.eq(PyOperators.mod(null, v, 2L), 0L)),
                new Named("in", (v, a) -> contains(a[0], v)),
                // Jinja's callable test is Python's callable(): salt functions (salt['mod.fun']),
                // macros and Jinjava's own callables are, data is not. salt['mod.fun'] of a function
                // this minion lacks is a KeyError in Salt, so formulas test for it with
                // salt['mod.fun']|default(none) is callable: it is not callable here.
                new Named("callable", (v, a) -> v instanceof SaltFunctions.Call c ? c.available()
                        : v instanceof com.hubspot.jinjava.el.ext.AbstractCallableMethod),
                // salt.utils.jinja.test_match(txt, rgx, ignorecase=False, multiline=False)
                new Named("match", (v, a) -> v != null && SaltFilters.pattern(PyValues.str(a[0]),
                        PyValues.truthy(param(a, 1, "ignorecase")), PyValues.truthy(param(a, 2, "multiline")))
                        .matcher(PyValues.str(v)).lookingAt()),
                new Named("equalto", (v, a) -> java.util.Objects.equals(PyValues.unwrap(v), PyValues.unwrap(a[0]))
                        || (v instanceof Number n && a[0] instanceof Number m && n.doubleValue() == m.doubleValue())));
    }
}
