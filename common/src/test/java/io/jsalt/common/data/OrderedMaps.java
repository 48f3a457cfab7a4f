package io.jsalt.common.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Map;

/** Assertions for loaders that must keep a mapping's keys in the order the text gives them. */
public final class OrderedMaps {
    private OrderedMaps() {}

    /**
     * The value is a map equal to {@code Data.map(keysAndValues)} whose keys come in the same
     * order: map equality alone ignores the order that Salt's OrderedDict loading keeps.
     */
    public static void assertOrderedMap(Object actual, Object... keysAndValues) {
        Map<String, Object> expected = Data.map(keysAndValues);
        Map<?, ?> map = assertInstanceOf(Map.class, actual);
        assertEquals(expected, map);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(map.keySet()));
    }
}
