package io.jsalt.common.render;

import static io.jsalt.common.render.Fixtures.jinja;
import static io.jsalt.common.render.Fixtures.jinjaError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Salt renders with jinja2.StrictUndefined unless the option allow_undefined is True
 * (salt/utils/templates.py render_jinja_tmpl), and reports Jinja2's UndefinedError as
 * "Jinja variable <message>". The messages are Jinja2's (jinja2/runtime.py
 * Undefined._undefined_message); what may touch an undefined value is StrictUndefined's rule:
 * only is defined / is undefined / default, and passing it along.
 */
class StrictUndefinedTest {
    @ParameterizedTest
    @CsvSource(delimiter = '¦', value = {
        "{{ nosuch }}¦'nosuch' is undefined",
        "{{ nosuch + 1 }}¦'nosuch' is undefined",
        "{{ 1 + nosuch }}¦'nosuch' is undefined",
        "{{ nosuch ~ 'a' }}¦'nosuch' is undefined",
        "{% for x in nosuch %}{{ x }}{% endfor %}¦'nosuch' is undefined",
        "{% if nosuch %}y{% endif %}¦'nosuch' is undefined",
        "{{ 'y' if nosuch else 'n' }}¦'nosuch' is undefined",
        "{{ not nosuch }}¦'nosuch' is undefined",
        "{{ nosuch or 'x' }}¦'nosuch' is undefined",
        "{{ nosuch == 1 }}¦'nosuch' is undefined",
        "{{ nosuch.attr }}¦'nosuch' is undefined",
        "{{ nosuch['k'] }}¦'nosuch' is undefined",
        "{{ nosuch.get('k') }}¦'nosuch' is undefined",
        "{{ nosuch | upper }}¦'nosuch' is undefined",
        "{{ pillar.nosuch }}¦'dict object' has no attribute 'nosuch'",
        "{{ pillar['nosuch'] }}¦'dict object' has no attribute 'nosuch'",
        "{{ pillar.redis.nosuch | json }}¦'dict object' has no attribute 'nosuch'",
        "{{ [pillar.nosuch] | yaml }}¦'dict object' has no attribute 'nosuch'",
        "{{ pillar.packages[7] }}¦'list object' has no element 7",
        "{{ salt['test.echo'](nosuch) }}¦'nosuch' is undefined",
    })
    void usingAnUndefinedValueFailsWithSaltsMessage(String template, String message) {
        Fixtures.assertProblemStarts(template, "Jinja variable " + message + "; line 1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '¦', value = {
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
    })
    void definedAndDefaultSeeAnUndefinedValueWithoutFailing(String template, String expected) {
        assertEquals(expected, jinja(template));
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
