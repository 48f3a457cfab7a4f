package io.jsalt.master.cli;

import io.jsalt.common.proto.CliRequest;
import io.jsalt.common.proto.ListValue;
import io.jsalt.common.proto.MapEntry;
import io.jsalt.common.proto.MapValue;
import io.jsalt.common.proto.PublishRequest;
import io.jsalt.common.proto.Value;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A publish request's wire bytes, written from its fields here rather than by protobuf's
 * CodedOutputStream: that class starts java.util.logging, whose start looks a logging back
 * end up in every jar, a tenth of a jsalt command's time (docs/performance.md). The bytes
 * are protobuf's own (fields in number order, defaults left out), as RequestBytesTest
 * checks; the other operations are written by protobuf.
 */
final class RequestBytes {
    private RequestBytes() {}

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH = 2;

    static byte[] of(CliRequest request) {
        if (request.getOpCase() != CliRequest.OpCase.PUBLISH) {
            return request.toByteArray();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message(out, 3, publish(request.getPublish()));
        return out.toByteArray();
    }

    private static byte[] publish(PublishRequest p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        string(out, 1, p.getTgt());
        string(out, 2, p.getTgtType());
        string(out, 3, p.getFun());
        if (p.hasArg()) {
            message(out, 4, value(p.getArg()));
        }
        if (p.hasKwarg()) {
            message(out, 5, value(p.getKwarg()));
        }
        if (p.hasTimeout()) {
            tag(out, 6, VARINT);
            varint(out, p.getTimeout());
        }
        if (p.getAsync()) {
            tag(out, 7, VARINT);
            varint(out, 1);
        }
        if (p.hasBatch()) {
            bytes(out, 8, p.getBatch().getBytes(StandardCharsets.UTF_8));
        }
        string(out, 9, p.getUser());
        return out.toByteArray();
    }

    private static byte[] value(Value v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (v.getKindCase()) {
            case NULL_VALUE -> {
                tag(out, 1, VARINT);
                varint(out, v.getNullValue() ? 1 : 0);
            }
            case BOOL_VALUE -> {
                tag(out, 2, VARINT);
                varint(out, v.getBoolValue() ? 1 : 0);
            }
            case INT_VALUE -> {
                tag(out, 3, VARINT);
                long n = v.getIntValue();
                varint(out, (n << 1) ^ (n >> 63));
            }
            case DOUBLE_VALUE -> {
                tag(out, 4, FIXED64);
                long bits = Double.doubleToRawLongBits(v.getDoubleValue());
                for (int i = 0; i < 8; i++) {
                    out.write((int) (bits >>> (8 * i)) & 0xff);
                }
            }
            case STRING_VALUE -> bytes(out, 5, v.getStringValue().getBytes(StandardCharsets.UTF_8));
            case BYTES_VALUE -> bytes(out, 6, v.getBytesValue().toByteArray());
            case LIST_VALUE -> message(out, 7, list(v.getListValue()));
            case MAP_VALUE -> message(out, 8, map(v.getMapValue()));
            case KIND_NOT_SET -> { }
        }
        return out.toByteArray();
    }

    private static byte[] list(ListValue l) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Value item : l.getItemsList()) {
            message(out, 1, value(item));
        }
        return out.toByteArray();
    }

    private static byte[] map(MapValue m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MapEntry e : m.getEntriesList()) {
            ByteArrayOutputStream entry = new ByteArrayOutputStream();
            string(entry, 1, e.getKey());
            if (e.hasValue()) {
                message(entry, 2, value(e.getValue()));
            }
            message(out, 1, entry.toByteArray());
        }
        return out.toByteArray();
    }

    /** A string field, left out when empty as protobuf leaves out a default. */
    private static void string(ByteArrayOutputStream out, int field, String s) {
        if (!s.isEmpty()) {
            bytes(out, field, s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void message(ByteArrayOutputStream out, int field, byte[] body) {
        bytes(out, field, body);
    }

    private static void bytes(ByteArrayOutputStream out, int field, byte[] b) {
        tag(out, field, LENGTH);
        varint(out, b.length);
        out.write(b, 0, b.length);
    }

    private static void tag(ByteArrayOutputStream out, int field, int wireType) {
        varint(out, ((long) field << 3) | wireType);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
