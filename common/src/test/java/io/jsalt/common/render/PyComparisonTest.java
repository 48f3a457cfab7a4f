package io.jsalt.common.render;

import static io.jsalt.common.render.Fixtures.jinja;
import static io.jsalt.common.render.Fixtures.jinjaError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Comparisons are Python's, as Jinja2 compiles them to Python operators (jinja2/compiler.py
 * visit_Compare): {@code ==} between unlike types is False, ordering unlike types is a
 * TypeError, lists and tuples compare item by item. Expected values were checked with Jinja2 3.1.
 */
class PyComparisonTest {
    @Test
    void equalityOfUnlikeTypesIsFalseNotAnError() {
        assertEquals("False True False", jinja("{{ 2017041001 == 'auto' }} {{ 2017041001 != 'auto' }}"
                + " {{ 5 == 'noarg_present' }}"));
        assertEquals("False False", jinja("{{ '1' == 1 }} {{ none == 0 }}"));
    }

    @Test
    void numbersCompareByValueAcrossIntFloatAndBool() {
        assertEquals("True True True", jinja("{{ 1 == 1.0 }} {{ true == 1 }} {{ {'a': 1} == {'a': 1.0} }}"));
        assertEquals("True", jinja("{{ grains.mem_total > 1024 }}"));
    }

    @Test
    void listsAndTuplesCompareItemByItem() {
        assertEquals("True True True", jinja("{{ [2018, 3, 1] >= [2018, 3, 0] }} {{ (1, 2) < (1, 3) }}"
                + " {{ [2018, 3] < [2018, 3, 1] }}"));
        assertEquals("True", jinja("{{ [1, 'a'] == [1, 'a'] }}"));
    }

    @Test
    void stringsOrderByCodePoint() {
        assertEquals("True False", jinja("{{ 'a' < 'b' }} {{ 'B' > 'a' }}"));
    }

    @Test
    void orderingUnlikeTypesIsPythonsTypeError() {
        RenderException e = jinjaError("x\n{{ 1 < 'a' }}");
        assertEquals(2, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("'<' not supported between instances of 'int' and 'str'"), e.getMessage());
        e = jinjaError("{{ none >= 1 }}");
        assertTrue(e.getMessage().contains("'>=' not supported between instances of 'NoneType' and 'int'"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("class "), e.getMessage());
    }
}
