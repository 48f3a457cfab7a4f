package io.jsalt.common.render;

import static io.jsalt.common.render.Fixtures.jinja;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Salt's json_query filter (salt/utils/data.py json_query: jmespath.search(expr, data)),
 * with the example of Salt's Jinja documentation (docs/topics/jinja/index.rst, json_query)
 * and what Python's jmespath answers for the others.
 */
class JsonQueryTest {
    @ParameterizedTest
    @CsvSource(delimiter = '¦', value = {
        "{{ [1, 2, 3] | json_query('[1]') }}¦2",
        "{{ {'a': {'b': [{'c': 1}, {'c': 2}]}} | json_query('a.b[*].c') }}¦[1, 2]",
        "{{ [{'foo': 'bar', 'baz': 1}, {'foo': 'qux', 'baz': 2}] | json_query('[?baz > `1`].foo') }}¦['qux']",
        "{{ {'a': 1} | json_query('b') }}¦None",
        "{{ [3, 1, 2] | json_query('max(@)') }}¦3",
        "{{ ['a', 'b'] | json_query('length(@)') }}¦2",
    })
    void queriesAnswerAsPythonsJmespath(String template, String expected) {
        assertEquals(expected, jinja(template));
    }

    @org.junit.jupiter.api.Test
    void anExpressionThatDoesNotParseIsTheFiltersError() {
        Fixtures.assertProblemStarts("{{ [1] | json_query('[') }}", "Jinja error: json_query: '[' is not a JMESPath expression");
    }
}
