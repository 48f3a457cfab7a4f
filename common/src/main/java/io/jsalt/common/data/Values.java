package io.jsalt.common.data;

import com.google.protobuf.ByteString;
import io.jsalt.common.proto.ListValue;
import io.jsalt.common.proto.MapEntry;
import io.jsalt.common.proto.MapValue;
import io.jsalt.common.proto.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between the in-memory model ({@link Data}) and the wire {@link Value}. */
public final class Values {
    private static final Value NULL = Value.newBuilder().setNullValue(true).build();

    private Values() {}

    public static Value toProto(Object o) {
        Object n = Data.normalize(o);
        if (n == null) {
            return NULL;
        }
        if (n instanceof Boolean b) {
            return Value.newBuilder().setBoolValue(b).build();
        }
        if (n instanceof Long l) {
            return Value.newBuilder().setIntValue(l).build();
        }
        if (n instanceof Double d) {
            return Value.newBuilder().setDoubleValue(d).build();
        }
        if (n instanceof String s) {
            return Value.newBuilder().setStringValue(s).build();
        }
        if (n instanceof byte[] bytes) {
            return Value.newBuilder().setBytesValue(ByteString.copyFrom(bytes)).build();
        }
        if (n instanceof Map<?, ?> m) {
            MapValue.Builder mb = MapValue.newBuilder();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                mb.addEntries(MapEntry.newBuilder().setKey((String) e.getKey()).setValue(toProto(e.getValue())));
            }
            return Value.newBuilder().setMapValue(mb).build();
        }
        if (n instanceof List<?> l) {
            ListValue.Builder lb = ListValue.newBuilder();
            for (Object item : l) {
                lb.addItems(toProto(item));
            }
            return Value.newBuilder().setListValue(lb).build();
        }
        throw new IllegalArgumentException("cannot encode " + n.getClass().getName());
    }

    public static Object fromProto(Value v) {
        if (v == null) {
            return null;
        }
        switch (v.getKindCase()) {
            case BOOL_VALUE:
                return v.getBoolValue();
            case INT_VALUE:
                return v.getIntValue();
            case DOUBLE_VALUE:
                return v.getDoubleValue();
            case STRING_VALUE:
                return v.getStringValue();
            case BYTES_VALUE:
                return v.getBytesValue().toByteArray();
            case LIST_VALUE: {
                List<Object> out = new ArrayList<>(v.getListValue().getItemsCount());
                for (Value item : v.getListValue().getItemsList()) {
                    out.add(fromProto(item));
                }
                return out;
            }
            case MAP_VALUE: {
                Map<String, Object> out = new LinkedHashMap<>();
                for (MapEntry e : v.getMapValue().getEntriesList()) {
                    out.put(e.getKey(), fromProto(e.getValue()));
                }
                return out;
            }
            case NULL_VALUE:
            case KIND_NOT_SET:
            default:
                return null;
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> mapFromProto(Value v) {
        Object o = fromProto(v);
        return o instanceof Map ? (Map<String, Object>) o : new LinkedHashMap<>();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> listFromProto(Value v) {
        Object o = fromProto(v);
        return o instanceof List ? (List<Object>) o : new ArrayList<>();
    }
}
