package io.jsalt.common.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jsalt.common.proto.ListValue;
import io.jsalt.common.proto.MapEntry;
import io.jsalt.common.proto.MapValue;
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

    private static Object nested(int depth, boolean maps) {
        Object o = "leaf";
        for (int i = 0; i < depth; i++) {
            o = maps ? new LinkedHashMap<>(Map.of("k", o)) : new ArrayList<>(List.of(o));
        }
        return o;
    }

    @Test
    void dataNestedTenThousandDeepIsRefusedWithAClearErrorNotAStackOverflow() {
        for (boolean maps : new boolean[] {true, false}) {
            Object deep = nested(10_000, maps);
            Values.TooDeepException e = assertThrows(Values.TooDeepException.class, () -> Values.toProto(deep));
            assertEquals("data nested more than 32 maps or lists deep", e.getMessage());
        }
    }

    @Test
    void aValueBuiltTenThousandDeepIsRefusedWhenRead() {
        Value v = Value.newBuilder().setStringValue("leaf").build();
        for (int i = 0; i < 10_000; i++) {
            v = i % 2 == 0 ? Value.newBuilder().setListValue(ListValue.newBuilder().addItems(v)).build()
                    : Value.newBuilder().setMapValue(MapValue.newBuilder().addEntries(
                            MapEntry.newBuilder().setKey("k").setValue(v))).build();
        }
        Value deep = v;
        assertThrows(Values.TooDeepException.class, () -> Values.fromProto(deep));
    }

    @Test
    void bytesNestedTenThousandDeepDoNotParse() {
        // Ten thousand list levels by hand (field 7, length-delimited), as a peer could send them.
        byte[] wire = new byte[0];
        for (int i = 0; i < 10_000; i++) {
            byte[] items = ProtoBytes.concat(new byte[] {0x0a}, ProtoBytes.varint(wire.length), wire);     // ListValue.items = 1
            wire = ProtoBytes.concat(new byte[] {0x3a}, ProtoBytes.varint(items.length), items);         // Value.list_value = 7
        }
        byte[] bytes = wire;
        assertThrows(InvalidProtocolBufferException.class, () -> Value.parseFrom(bytes));
    }

    @Test
    void thirtyTwoLevelsOfMapsCrossTheWireInAnEnvelope() throws Exception {
        Object deepest = nested(Values.MAX_DEPTH, true);
        var env = io.jsalt.common.proto.Envelope.newBuilder().setReturn(io.jsalt.common.proto.Return.newBuilder()
                .setRet(Values.toProto(deepest))).build();
        var back = io.jsalt.common.proto.Envelope.parseFrom(env.toByteArray());
        assertEquals(deepest, Values.fromProto(back.getReturn().getRet()));
        assertTrue(assertThrows(Values.TooDeepException.class,
                () -> Values.toProto(nested(Values.MAX_DEPTH + 1, true))).getMessage().contains("32"));
    }
}
