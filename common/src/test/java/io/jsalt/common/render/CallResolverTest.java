package io.jsalt.common.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jinjava.de.odysseus.el.util.SimpleContext;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELException;
import jinjava.javax.el.MethodNotFoundException;
import org.junit.jupiter.api.Test;

/**
 * The direct calls of filters and tests give what Jinjava's bean resolver gave for the same
 * call (JinjavaBeanELResolver / BeanELResolver invoke): the interface method, exceptions
 * wrapped as reflection's are, restricted results refused, variable arguments packed alike.
 */
class CallResolverTest {
    private final Jinjava engine = SaltEngine.create();
    private final JinjavaInterpreter interpreter = new JinjavaInterpreter(engine, engine.getGlobalContext(),
            engine.getGlobalConfig());
    private final CallResolver resolver = new CallResolver();

    /** A filter that records its call and answers with what it was given to answer. */
    private static final class Recording implements Filter {
        final List<Object> seen = new ArrayList<>();
        Object answer = "out";

        @Override
        public String getName() {
            return "recording";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            throw new AssertionError("the four-argument form is the one Jinjava's parser calls");
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            seen.add(var);
            seen.add(List.of(args));
            seen.add(kwargs);
            if (answer instanceof RuntimeException e) {
                throw e;
            }
            return answer;
        }
    }

    @Test
    void aFilterIsCalledWithItsValuePositionalAndNamedArguments() {
        Recording f = new Recording();
        ELContext ctx = new SimpleContext();
        Object out = resolver.invoke(ctx, f, "filter", null,
                new Object[] {"v", interpreter, new Object[] {1L, "a"}, Map.of("k", true)});
        assertEquals("out", out);
        assertTrue(ctx.isPropertyResolved());
        assertEquals(List.of("v", List.of(1L, "a"), Map.of("k", true)), f.seen);
    }

    @Test
    void theFilterMethodIsNoPropertyButAnyOtherNameIsLeftToTheChain() {
        ELContext ctx = new SimpleContext();
        assertNull(resolver.getValue(ctx, new Recording(), "filter"));
        assertTrue(ctx.isPropertyResolved(), "answered here: no filter has a 'filter' property");
        ELContext other = new SimpleContext();
        resolver.getValue(other, new Recording(), "name");
        assertFalse(other.isPropertyResolved());
        resolver.invoke(other, new Recording(), "getName", null, new Object[] {null, interpreter});
        assertFalse(other.isPropertyResolved(), "other methods stay with Jinjava's resolvers");
    }

    @Test
    void aFilterErrorIsWrappedAsReflectionWrappedIt() {
        Recording f = new Recording();
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        f.answer = boom;
        ELException e = assertThrows(ELException.class, () -> resolver.invoke(new SimpleContext(), f, "filter",
                null, new Object[] {"v", interpreter, new Object[0], Map.of()}));
        assertSame(boom, e.getCause());
    }

    @Test
    void aRestrictedResultIsRefusedAsJinjavaRefusesIt() {
        Recording f = new Recording();
        f.answer = String.class;
        MethodNotFoundException e = assertThrows(MethodNotFoundException.class, () -> resolver.invoke(
                new SimpleContext(), f, "filter", null, new Object[] {"v", interpreter, new Object[0], Map.of()}));
        assertEquals("Cannot find method 'filter' in " + Recording.class, e.getMessage());
        f.answer = Thread.currentThread();
        assertThrows(MethodNotFoundException.class, () -> resolver.invoke(new SimpleContext(), f, "filter", null,
                new Object[] {"v", interpreter, new Object[0], Map.of()}));
        f.answer = new java.lang.reflect.Method[0]; // an array has no package for Jinjava: allowed
        assertSame(f.answer, resolver.invoke(new SimpleContext(), f, "filter", null,
                new Object[] {"v", interpreter, new Object[0], Map.of()}));
    }

    @Test
    void aTestGetsItsArgumentsPackedAsAVariableArityCallAndNegatedAfterIsNot() {
        List<Object[]> seen = new ArrayList<>();
        ExpTest t = new ExpTest() {
            @Override
            public String getName() {
                return "t";
            }

            @Override
            public boolean evaluate(Object var, JinjavaInterpreter in, Object... args) {
                seen.add(args);
                return "yes".equals(var);
            }
        };
        assertEquals(true, resolver.invoke(new SimpleContext(), t, "evaluate", null, new Object[] {"yes", interpreter}));
        assertEquals(false, resolver.invoke(new SimpleContext(), t, "evaluateNegated", null,
                new Object[] {"yes", interpreter, 1L, 2L}));
        Object[] one = {"a", "b"};
        resolver.invoke(new SimpleContext(), t, "evaluate", null, new Object[] {"no", interpreter, one});
        resolver.invoke(new SimpleContext(), t, "evaluate", null, new Object[] {"no", interpreter, new int[] {7}});
        assertArrayEquals(new Object[0], seen.get(0));
        assertArrayEquals(new Object[] {1L, 2L}, seen.get(1));
        assertSame(one, seen.get(2), "one array argument is the arguments themselves");
        assertArrayEquals(new Object[] {7}, seen.get(3));
    }

    @Test
    void filtersAndTestsRenderThroughTheEngineAsBefore() {
        Renderer r = new Renderer(null);
        RenderContext ctx = RenderContext.builder().build();
        assertEquals("True False 1-2 ab A",
                r.renderTemplate("{{ 6 is divisibleby 3 }} {{ 6 is not divisibleby(3) }} {{ [1, 2]|join('-') }}"
                        + " {{ ['b', 'a']|sort|join }} {{ 'a'|upper }}", "t", ctx));
    }
}
