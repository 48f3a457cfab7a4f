package io.jsalt.common.py;

import static io.jsalt.common.data.OrderedMaps.assertOrderedMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PyJson.loads reads what Python's json.loads reads (Lib/json/decoder.py), and nothing more. */
class PyJsonLoadsTest {
    @Test
    void objectsKeepTheirOrderAndNumbersFollowTheDataModel() {
        Object v = PyJson.loads("{\"b\": 1, \"a\": [2.5, true, null, \"x\"], \"n\": 123456789012345678901}");
        assertOrderedMap(v, "b", 1L, "a", Arrays.asList(2.5, true, null, "x"),
                "n", "123456789012345678901"); // past a long: Data.normalize's text
    }

    @Test
    void nanAndInfinityAreReadAsPythonDoes() {
        assertEquals(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY),
                PyJson.loads("[NaN, Infinity, -Infinity]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'foo': 'it works'}", "{foo, bar: it works}", "[1, 2,]", "{\"a\": 1} x", "// c\n1", ""})
    void whatJsonLoadsRefusesIsAnError(String text) {
        PyJson.JsonError e = assertThrows(PyJson.JsonError.class, () -> PyJson.loads(text));
        assertTrue(!e.getMessage().isBlank());
    }
}
