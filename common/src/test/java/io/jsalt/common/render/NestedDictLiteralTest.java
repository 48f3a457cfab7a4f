package io.jsalt.common.render;

import static io.jsalt.common.render.Fixtures.jinja;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A dict literal whose braces close right before the end of {@code {{ }}}: Jinja2's lexer
 * balances brackets before it looks for the closing {@code }}} (jinja2/lexer.py, its
 * balancing stack), so {@code {{ {'a': {'b': 1}} }}} prints the dict. Salt's
 * test_serialize_yaml and the traverse examples of its Jinja documentation rely on it.
 */
class NestedDictLiteralTest {
    @ParameterizedTest
    @CsvSource(delimiter = '¦', value = {
        "{{ {'a': {'b': 1}} }}¦{'a': {'b': 1}}",
        "{{{'a': {'b': 1}}}}¦{'a': {'b': 1}}",
        "{{ {'a': 1} }}¦{'a': 1}",
        "{{ {'a': {'b': {'c': 1}}} | traverse('a:b') }}¦{'c': 1}",
        "{{ [{'a': {'b': 1}}] }}¦[{'a': {'b': 1}}]",
        "{{ '}}' }}¦}}",
        "{% set x = {'a': {'b': 1}} %}{{ x.a.b }}¦1",
        "a {{ {'k': {}} }} b {{ 2 }}¦a {'k': {}} b 2",
    })
    void nestedDictLiteralEndsWhereJinja2EndsIt(String template, String expected) {
        assertEquals(expected, jinja(template));
    }
}
