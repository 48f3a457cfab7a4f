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

    /**
     * How many maps and lists may nest in one value. The wire format's parser stops at 100
     * nested messages, and each level of a map costs three (Value, MapValue, MapEntry), so
     * deeper data could be built but never read by the other side; refusing it here gives
     * a clear error where it is made, and keeps every walk of a value far from the stack's
     * end whatever a peer or a file sends.
     */
    public static final int MAX_DEPTH = 32;

    /** A value nested deeper than {@link #MAX_DEPTH}; the message says so in one line. */
    public static final class TooDeepException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        TooDeepException() {
            super("data nested more than " + MAX_DEPTH + " maps or lists deep");
        }
    }

    /** @throws TooDeepException if maps and lists nest more than {@link #MAX_DEPTH} deep */
    public static Value toProto(Object o) {
        checkDepth(o, 0);
        return encode(Data.normalize(o));
    }

    /** Bounded recursion: it stops one level past the limit, so it cannot overflow the stack. */
    private static void checkDepth(Object o, int depth) {
        Iterable<?> children;
        if (o instanceof Map<?, ?> m) {
            children = m.values();
        } else if (o instanceof Iterable<?> it) {
            children = it;
        } else if (o instanceof Object[] arr) {
            children = java.util.Arrays.asList(arr);
        } else {
            return;
        }
        if (depth >= MAX_DEPTH) {
            throw new TooDeepException();
        }
        for (Object child : children) {
            checkDepth(child, depth + 1);
        }
    }

    /** Encodes data already normalized by {@link Data#normalize} (so it is not copied again per level). */
    private static Value encode(Object n) {
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
                mb.addEntries(MapEntry.newBuilder().setKey((String) e.getKey()).setValue(encode(e.getValue())));
            }
            return Value.newBuilder().setMapValue(mb).build();
        }
        if (n instanceof List<?> l) {
            ListValue.Builder lb = ListValue.newBuilder();
            for (Object item : l) {
                lb.addItems(encode(item));
            }
            return Value.newBuilder().setListValue(lb).build();
        }
        throw new IllegalArgumentException("cannot encode " + n.getClass().getName());
    }

    /** @throws TooDeepException if maps and lists nest more than {@link #MAX_DEPTH} deep */
    public static Object fromProto(Value v) {
        return decode(v, 0);
    }

    private static Object decode(Value v, int depth) {
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
                if (depth >= MAX_DEPTH) {
                    throw new TooDeepException();
                }
                List<Object> out = new ArrayList<>(v.getListValue().getItemsCount());
                for (Value item : v.getListValue().getItemsList()) {
                    out.add(decode(item, depth + 1));
                }
                return out;
            }
            case MAP_VALUE: {
                if (depth >= MAX_DEPTH) {
                    throw new TooDeepException();
                }
                Map<String, Object> out = new LinkedHashMap<>();
                for (MapEntry e : v.getMapValue().getEntriesList()) {
                    out.put(e.getKey(), decode(e.getValue(), depth + 1));
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
