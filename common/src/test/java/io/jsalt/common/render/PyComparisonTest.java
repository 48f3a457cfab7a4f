package io.jsalt.common.render;

import static io.jsalt.common.render.Fixtures.jinjaError;
import static io.jsalt.common.render.Fixtures.jinjaErrorAt;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Comparisons are Python's, as Jinja2 compiles them to Python operators (jinja2/compiler.py
 * visit_Compare): {@code ==} between unlike types is False, ordering unlike types is a
 * TypeError, lists and tuples compare item by item. Expected values were checked with Jinja2 3.1.
 * The cases that only compare the printed text are entries of
 * salt-vectors/jinja2-python-semantics.yaml, run by Jinja2PythonSemanticsTest.
 */
class PyComparisonTest {
    @Test
    void orderingUnlikeTypesIsPythonsTypeError() {
        jinjaErrorAt("x\n{{ 1 < 'a' }}", 2, "'<' not supported between instances of 'int' and 'str'");
        RenderException e = jinjaError("{{ none >= 1 }}");
        assertTrue(e.getMessage().contains("'>=' not supported between instances of 'NoneType' and 'int'"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("class "), e.getMessage());
    }
}
