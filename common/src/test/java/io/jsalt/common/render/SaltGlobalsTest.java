package io.jsalt.common.render;

import static io.jsalt.common.render.Fixtures.jinja;
import static io.jsalt.common.render.Fixtures.jinjaError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Salt's Jinja globals ifelse (salt/modules/match.py ifelse and filter_by, with the
 * examples of its docstring and Salt's Jinja documentation) and show_full_context
 * (salt/utils/jinja.py), and load_yaml of a value that is not text
 * (salt/utils/jinja.py SerializerExtension.load_yaml).
 */
class SaltGlobalsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '¦', value = {
        "{{ ifelse('foo*', 'fooval', 'bar*', 'barval', 'defaultval', minion_id='bar03') }}¦barval",
        "{{ ifelse('foo*', 'fooval', 'bar*', 'barval', 'defaultval', minion_id='baz') }}¦defaultval",
        "{{ ifelse('web*', 'w', 'd') }}¦w",
        "{{ ifelse('G@os:Debian and web*', 'deb', 'other') }}¦deb",
        "{{ ifelse('I@redis:port:6380', 'pillar', 'no') }}¦pillar",
        "{{ ifelse(False, 'never', True, 'always', 'd') }}¦always",
        "{{ ifelse('only') }}¦only",
        "{{ ifelse('web*', {'a': 1}, {}, merge={'b': 2}) }}¦{'a': 1, 'b': 2}",
    })
    void ifelseReturnsTheValueOfTheFirstMatchingTarget(String template, String expected) {
        assertEquals(expected, jinja(template));
    }

    @Test
    void ifelseWantsAnOddNumberOfArguments() {
        assertTrue(jinjaError("{{ ifelse('a', 'b') }}").problem()
                .startsWith("Jinja error: The ifelse function must have an odd number of arguments!"));
    }

    @Test
    void showFullContextHoldsTheTemplatesVariables() {
        assertEquals("t 1 True", jinja("{% set x = 1 %}{% set c = show_full_context() %}"
                + "{{ c.sls }} {{ c.x }} {{ c.grains.id == 'web1' }}"));
    }

    @Test
    void loadYamlOfAValueThatIsNotTextFailsAsInSalt() {
        assertTrue(jinjaError("{{ {'foo': 1} | load_yaml }}").problem()
                .startsWith("Jinja syntax error: Unable to load yaml from {'foo': 1}"));
    }
}
