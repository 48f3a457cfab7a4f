package io.jsalt.common.render;

import static io.jsalt.common.render.Fixtures.jinja;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Salt's human_to_bytes filter (salt/utils/stringutils.py human_to_bytes, 3005 and later),
 * with the values Python computes for the same inputs.
 */
class HumanToBytesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '¦', value = {
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
    })
    void humanSizesAreBytesAsInSalt(String template, String expected) {
        assertEquals(expected, jinja(template));
    }
}
