package io.jsalt.common.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import java.util.List;
import java.util.Map;

/** Jinja tests Salt adds: {@code list}, {@code match} and {@code equalto} (salt/utils/jinja.py). */
final class SaltTests {
    private SaltTests() {}

    record Named(String name, java.util.function.BiPredicate<Object, Object[]> test) implements ExpTest {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
            return test.test(var, args);
        }
    }

    static List<ExpTest> all() {
        return List.of(
                new Named("list", (v, a) -> v instanceof List),
                new Named("mapping", (v, a) -> v instanceof Map),
                new Named("match", (v, a) -> v != null && SaltFilters.pattern(PyValues.str(a[0]),
                        a.length > 1 && PyValues.truthy(a[1]), a.length > 2 && PyValues.truthy(a[2]))
                        .matcher(PyValues.str(v)).lookingAt()),
                new Named("equalto", (v, a) -> java.util.Objects.equals(PyValues.unwrap(v), PyValues.unwrap(a[0]))
                        || (v instanceof Number n && a[0] instanceof Number m && n.doubleValue() == m.doubleValue())));
    }
}
