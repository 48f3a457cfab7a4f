package io.jsalt.common.render;

import static io.jsalt.common.render.Fixtures.jinja;
import static io.jsalt.common.render.Fixtures.jinjaError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One-line templates and what Salt prints for them, or the error Salt fails them with: Salt's
 * filters and globals, Jinja2's lexer and Python's operators, and Salt's StrictUndefined (Salt
 * renders with jinja2.StrictUndefined unless the option allow_undefined is True,
 * salt/utils/templates.py render_jinja_tmpl). The cases of all of them have one shape, a
 * template and a text, so they live in the two tables below, each group of rows under the
 * Salt or Python source it follows.
 */
class JinjaOneLinersTest {
    @ParameterizedTest
    @CsvSource(delimiter = '¦', value = {
        // Salt's human_to_bytes filter (salt/utils/stringutils.py human_to_bytes, 3005 and later),
        // with the values Python computes for the same inputs.
        "{{ '2G' | human_to_bytes }}¦2147483648",
        "{{ '30MB' | human_to_bytes }}¦31457280",
        "{{ '30MB' | human_to_bytes(handle_metric=True) }}¦30000000",
        "{{ '64KiB' | human_to_bytes }}¦65536",
        "{{ ' 1.5 k ' | human_to_bytes }}¦1536",
        "{{ 512 | human_to_bytes }}¦512",
        "{{ '10' | human_to_bytes('M') }}¦10485760",
        "{{ '1Y' | human_to_bytes }}¦1208925819614629174706176",
        "{{ 'lots' | human_to_bytes }}¦0",
        "{{ '5 parsecs' | human_to_bytes }}¦0",
        "{{ '' | human_to_bytes }}¦0",
        // Salt's json_query filter (salt/utils/data.py json_query: jmespath.search(expr, data)), with
        // the example of Salt's Jinja documentation (docs/topics/jinja/index.rst, json_query) and what
        // Python's jmespath answers for the others.
        "{{ [1, 2, 3] | json_query('[1]') }}¦2",
        "{{ {'a': {'b': [{'c': 1}, {'c': 2}]}} | json_query('a.b[*].c') }}¦[1, 2]",
        "{{ [{'foo': 'bar', 'baz': 1}, {'foo': 'qux', 'baz': 2}] | json_query('[?baz > `1`].foo') }}¦['qux']",
        "{{ {'a': 1} | json_query('b') }}¦None",
        "{{ [3, 1, 2] | json_query('max(@)') }}¦3",
        "{{ ['a', 'b'] | json_query('length(@)') }}¦2",
        // A dict literal whose braces close right before the end of {{ }}: Jinja2's lexer balances
        // brackets before it looks for the closing }} (jinja2/lexer.py, its balancing stack). Salt's
        // test_serialize_yaml and the traverse examples of its Jinja documentation rely on it.
        "{{ {'a': {'b': 1}} }}¦{'a': {'b': 1}}",
        "{{{'a': {'b': 1}}}}¦{'a': {'b': 1}}",
        "{{ {'a': 1} }}¦{'a': 1}",
        "{{ {'a': {'b': {'c': 1}}} | traverse('a:b') }}¦{'c': 1}",
        "{{ [{'a': {'b': 1}}] }}¦[{'a': {'b': 1}}]",
        "{{ '}}' }}¦}}",
        "{% set x = {'a': {'b': 1}} %}{{ x.a.b }}¦1",
        "a {{ {'k': {}} }} b {{ 2 }}¦a {'k': {}} b 2",
        // Salt's ifelse global (salt/modules/match.py ifelse and filter_by, with the examples of its
        // docstring and Salt's Jinja documentation): the value of the first matching target.
        "{{ ifelse('foo*', 'fooval', 'bar*', 'barval', 'defaultval', minion_id='bar03') }}¦barval",
        "{{ ifelse('foo*', 'fooval', 'bar*', 'barval', 'defaultval', minion_id='baz') }}¦defaultval",
        "{{ ifelse('web*', 'w', 'd') }}¦w",
        "{{ ifelse('G@os:Debian and web*', 'deb', 'other') }}¦deb",
        "{{ ifelse('I@redis:port:6380', 'pillar', 'no') }}¦pillar",
        "{{ ifelse(False, 'never', True, 'always', 'd') }}¦always",
        "{{ ifelse('only') }}¦only",
        "{{ ifelse('web*', {'a': 1}, {}, merge={'b': 2}) }}¦{'a': 1, 'b': 2}",
        // Salt's odict global, Python's OrderedDict (salt/utils/templates.py render_jinja_tmpl;
        // php-formula's map.jinja builds its php-fpm defaults with it): from pairs or keywords in
        // their order, and from a dict a copy whose update leaves the source alone.
        "{{ odict([('b', 1), ('a', 2)]) | join(',') }} {{ odict([('b', 1), ('a', 2)]).a }}¦b,a 2",
        "{{ odict(z=1, y=2) | join(',') }}¦z,y",
        "{{ odict() | json }}¦{}",
        "{% set s = {'k': 1} %}{% set d = odict(s) %}{% do d.update({'x': 2}) %}{{ s | json }} {{ d | json }}"
                + "¦{\"k\": 1} {\"k\": 1, \"x\": 2}",
        "{{ odict([('a', 1)]) is mapping }}¦True",
        // A string index past either end is an undefined value, not an error (jinja2/environment.py
        // getitem catches the IndexError): collectd-formula's pillar.example indexes
        // grains.get('ip4_interfaces:eth1'), which is '' on a host without eth1.
        "{{ 'ab'[1] }}{{ 'ab'[-1] }}¦bb",
        "{{ ''[0] | default('none') }}¦none",
        "{{ 'ab'[2] is defined }}¦False",
        // Under StrictUndefined, is defined / is undefined / default see an undefined value without failing.
        "{{ nosuch is defined }}¦False",
        "{{ nosuch is undefined }}¦True",
        "{{ nosuch is not defined }}¦True",
        "{{ pillar.nosuch is defined }}¦False",
        "{{ pillar.mydict.n is defined }}¦True",
        "{{ pillar.mydict.n }}¦None",
        "{{ nosuch | default('d') }}¦d",
        "{{ nosuch | default(5) + 1 }}¦6",
        "{{ nosuch | d('d') }}¦d",
        "{{ pillar.nosuch | default('d') }}¦d",
        "{{ pillar.mydict.n | default('d') }}¦None",
        "{{ pillar.mydict.n | default('d', true) }}¦d",
        "{{ '' | default('d', boolean=True) }}¦d",
        "{{ pillar.get('nosuch') }}¦None",
        "{% if pillar.get('nosuch') %}y{% else %}n{% endif %}¦n",
        "{{ pillar.get('nosuch', 'dflt') }}¦dflt",
        "{{ nosuch if nosuch is defined else 'n' }}¦n",
        "{% set x = none %}{{ x is defined }} {{ x }}¦True None",
        "{% set y = nosuch %}{{ y is defined }}¦False",
        "{{ [nosuch] | length }}¦1",
        "{{ nosuch is none }}¦False",
        // A None inside a list or dict literal is None (jinja2/nodes.py Const): the ufw formula's
        // `for a in [None, ...]` tests `a is none`.
        "{% for a in [None, none, 1] %}{{ a is none }},{% endfor %}¦True,True,False,",
        "{{ [None][0] is none }} {{ {'k': None}['k'] is none }} {{ (None,)[0] is none }}¦True True True",
        "{% for a in [None] %}{{ a is defined }} {{ a }}{% endfor %}¦True None",
        // Python's division: true division is a float, floor division floors toward minus infinity.
        "{{ 7/2 }}¦3.5",
        "{{ 4/2 }}¦2.0",
        "{{ 7//2 }}¦3",
        "{{ -7//2 }}¦-4",
        "{{ 7.0//2 }}¦3.0",
        "{{ -7 % 3 }}¦2",
    })
    void rendersAsSaltAndPythonDo(String template, String expected) {
        assertEquals(expected, jinja(template));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '¦', value = {
        // Jinja2's UndefinedError, which Salt reports as "Jinja variable <message>" (jinja2/runtime.py
        // Undefined._undefined_message): anything but StrictUndefined's exceptions touching an undefined
        // value fails.
        "{{ nosuch }}¦Jinja variable 'nosuch' is undefined; line 1",
        "{{ nosuch + 1 }}¦Jinja variable 'nosuch' is undefined; line 1",
        "{{ 1 + nosuch }}¦Jinja variable 'nosuch' is undefined; line 1",
        "{{ nosuch ~ 'a' }}¦Jinja variable 'nosuch' is undefined; line 1",
        "{% for x in nosuch %}{{ x }}{% endfor %}¦Jinja variable 'nosuch' is undefined; line 1",
        "{% if nosuch %}y{% endif %}¦Jinja variable 'nosuch' is undefined; line 1",
        "{{ 'y' if nosuch else 'n' }}¦Jinja variable 'nosuch' is undefined; line 1",
        "{{ not nosuch }}¦Jinja variable 'nosuch' is undefined; line 1",
        "{{ nosuch or 'x' }}¦Jinja variable 'nosuch' is undefined; line 1",
        "{{ nosuch == 1 }}¦Jinja variable 'nosuch' is undefined; line 1",
        "{{ nosuch.attr }}¦Jinja variable 'nosuch' is undefined; line 1",
        "{{ nosuch['k'] }}¦Jinja variable 'nosuch' is undefined; line 1",
        "{{ nosuch.get('k') }}¦Jinja variable 'nosuch' is undefined; line 1",
        "{{ nosuch | upper }}¦Jinja variable 'nosuch' is undefined; line 1",
        "{{ pillar.nosuch }}¦Jinja variable 'dict object' has no attribute 'nosuch'; line 1",
        "{{ pillar['nosuch'] }}¦Jinja variable 'dict object' has no attribute 'nosuch'; line 1",
        "{{ pillar.redis.nosuch | json }}¦Jinja variable 'dict object' has no attribute 'nosuch'; line 1",
        "{{ [pillar.nosuch] | yaml }}¦Jinja variable 'dict object' has no attribute 'nosuch'; line 1",
        "{{ pillar.packages[7] }}¦Jinja variable 'list object' has no element 7; line 1",
        "{{ ''[0] }}¦Jinja variable 'str object' has no element 0; line 1",
        "{{ salt['test.echo'](nosuch) }}¦Jinja variable 'nosuch' is undefined; line 1",
        // None has no attributes: Jinja2's getattr gives an undefined value whose message names 'None'
        // (jinja2/utils.py object_type_repr), and calling it fails, as the apache formula's
        // rule_details.get('rule_set', '') does for a pillar value None (python3-jinja2 3.1 says the same).
        "{% for v in [none] %}{{ v.get('rule_set', '') }}{% endfor %}¦Jinja variable 'None' has no attribute 'get'; line 1",
        "{% for v in [none] %}{{ v.port }}{% endfor %}¦Jinja variable 'None' has no attribute 'port'; line 1",
        // A method str, dict or list lacks is an undefined value too, and calling it is Jinja2's
        // UndefinedError (jinja2/environment.py getattr, jinja2/runtime.py Undefined.__call__), not a
        // syntax error: the iptables formula's tables.sls calls rules[rn].items() where its default test
        // pillar has a list (python3-jinja2 3.1 says the same).
        "{% set rules = {'192.168.18.0/24': ['10.20.0.2']} %}{% for rn in rules %}{% for k, v in rules[rn].items() %}{{ k }}{% endfor %}{% endfor %}¦Jinja variable 'list object' has no attribute 'items'; line 1",
        "{{ 'a'.nope() }}¦Jinja variable 'str object' has no attribute 'nope'; line 1",
        "{{ {}.nope() }}¦Jinja variable 'dict object' has no attribute 'nope'; line 1",
        // A zero divisor raises ZeroDivisionError with Python 3.10's message (the Python of Salt 3006's
        // packages), which Salt's render_jinja_tmpl reports as "Jinja error: ..." (salt/utils/templates.py,
        // its catch-all branch).
        "{{ 1/0 }}¦Jinja error: division by zero; line 1",
        "{{ 1.5/0 }}¦Jinja error: float division by zero; line 1",
        "{{ 1/0.0 }}¦Jinja error: float division by zero; line 1",
        "{{ 1//0 }}¦Jinja error: integer division or modulo by zero; line 1",
        "{{ 1.0//0 }}¦Jinja error: float divmod(); line 1",
        "{{ 1%0 }}¦Jinja error: integer division or modulo by zero; line 1",
        "{{ 1.0%0 }}¦Jinja error: float modulo; line 1",
        "{{ 'a'//2 }}¦Jinja error: unsupported operand type(s) for //: 'str' and 'int'; line 1",
        // json_query's expression that does not parse is the filter's error.
        "{{ [1] | json_query('[') }}¦Jinja error: json_query: '[' is not a JMESPath expression",
        // salt/modules/match.py ifelse wants an odd number of arguments.
        "{{ ifelse('a', 'b') }}¦Jinja error: The ifelse function must have an odd number of arguments!",
        // load_yaml of a value that is not text (salt/utils/jinja.py SerializerExtension.load_yaml).
        "{{ {'foo': 1} | load_yaml }}¦Jinja syntax error: Unable to load yaml from {'foo': 1}",
    })
    void failsWithSaltsMessage(String template, String start) {
        Fixtures.assertProblemStarts(template, start);
    }

    @Test
    void showFullContextHoldsTheTemplatesVariables() {
        // salt/utils/jinja.py show_full_context: the template's whole context as a dict.
        assertEquals("t 1 True", jinja("{% set x = 1 %}{% set c = show_full_context() %}"
                + "{{ c.sls }} {{ c.x }} {{ c.grains.id == 'web1' }}"));
    }

    @Test
    void lineOfTheUndefinedNameIsReported() {
        RenderException e = jinjaError("a: 1\nb: {{ pillar.redis.nosuch }}\n");
        assertEquals(2, e.line());
        assertTrue(e.problem().startsWith("Jinja variable 'dict object' has no attribute 'nosuch'; line 2\n"),
                e.problem());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{ nosuch }}¦None", "{{ pillar.nosuch }}¦None", "{{ nosuch is defined }}¦False",
        "{{ nosuch | default('d') }}¦d", "{% for x in pillar.nosuch or [] %}{% endfor %}ok¦ok"})
    void allowUndefinedRendersMissingValuesAsNone(String vector) {
        String[] v = vector.split("¦");
        RenderContext ctx = RenderContext.builder().from(Fixtures.context("t"))
                .opts(Map.of("allow_undefined", true)).build();
        assertEquals(v[1], new Renderer(null).renderTemplate(v[0], "t/init.sls", ctx));
    }
}
