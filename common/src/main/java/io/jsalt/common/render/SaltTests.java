package io.jsalt.common.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import java.util.List;
import java.util.Map;

/**
 * Jinja tests Salt adds: {@code list}, {@code match} and {@code equalto} (salt/utils/jinja.py);
 * Jinja's {@code mapping} and {@code callable}, which Jinjava lacks.
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

    static List<ExpTest> all() {
        return List.of(
                new Named("list", (v, a) -> v instanceof List),
                new Named("mapping", (v, a) -> v instanceof Map),
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
