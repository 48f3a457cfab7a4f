package io.jsalt.common.render;

import static io.jsalt.common.render.Fixtures.jinja;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Jinja2's {@code /}, {@code //} and {@code %} are Python's operators: a zero divisor raises
 * ZeroDivisionError with Python 3.10's message (the Python of Salt 3006's packages), which
 * Salt's render_jinja_tmpl reports as "Jinja error: ..." (salt/utils/templates.py, its
 * catch-all branch). Other results are Python's: true division is a float, floor division
 * floors toward minus infinity.
 */
class ZeroDivisionTest {
    @ParameterizedTest
    @CsvSource(delimiter = '¦', value = {
        "{{ 1/0 }}¦division by zero",
        "{{ 1.5/0 }}¦float division by zero",
        "{{ 1/0.0 }}¦float division by zero",
        "{{ 1//0 }}¦integer division or modulo by zero",
        "{{ 1.0//0 }}¦float divmod()",
        "{{ 1%0 }}¦integer division or modulo by zero",
        "{{ 1.0%0 }}¦float modulo",
        "{{ 'a'//2 }}¦unsupported operand type(s) for //: 'str' and 'int'",
    })
    void zeroDivisorFailsWithPythonsMessage(String template, String message) {
        Fixtures.assertProblemStarts(template, "Jinja error: " + message + "; line 1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '¦', value = {
        "{{ 7/2 }}¦3.5",
        "{{ 4/2 }}¦2.0",
        "{{ 7//2 }}¦3",
        "{{ -7//2 }}¦-4",
        "{{ 7.0//2 }}¦3.0",
        "{{ -7 % 3 }}¦2",
    })
    void divisionIsPythons(String template, String expected) {
        assertEquals(expected, jinja(template));
    }
}
