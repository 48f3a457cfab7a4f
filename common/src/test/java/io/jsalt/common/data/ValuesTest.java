package io.jsalt.common.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jsalt.common.proto.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Data survives the wire exactly: ints stay ints, doubles doubles, map order kept. */
class ValuesTest {
    private static Object roundTrip(Object o) throws Exception {
        byte[] wire = Values.toProto(o).toByteArray();
        return Values.fromProto(Value.parseFrom(wire));
    }

    @Test
    void integersStayLongsAndDoublesStayDoubles() throws Exception {
        Object three = roundTrip(3);
        assertInstanceOf(Long.class, three);
        assertEquals(3L, three);
        Object threeDotZero = roundTrip(3.0);
        assertInstanceOf(Double.class, threeDotZero);
        assertEquals(3.0, threeDotZero);
        assertEquals(Long.MAX_VALUE, roundTrip(Long.MAX_VALUE));
        assertEquals(-1L, roundTrip(-1L));
    }

    @Test
    void mapOrderIsKeptEvenWhenNotSorted() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : List.of("zeta", "alpha", "mid", "beta", "omega")) {
            m.put(k, k.length());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) roundTrip(m);
        assertEquals(new ArrayList<>(m.keySet()), new ArrayList<>(back.keySet()));
    }

    @Test
    void nestedStructuresNullsBooleansAndBytesRoundTrip() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("none", null);
        m.put("yes", true);
        m.put("list", new ArrayList<>(List.of(1L, "two", 3.5, false)));
        m.put("nested", new LinkedHashMap<>(Map.of("k", new ArrayList<>(List.of()))));
        assertEquals(m, roundTrip(m));
        assertNull(roundTrip(null));
        assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, (byte[]) roundTrip(new byte[] {0, 1, (byte) 0xff}));
    }
}
