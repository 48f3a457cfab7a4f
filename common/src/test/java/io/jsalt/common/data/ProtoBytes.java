package io.jsalt.common.data;

import java.io.ByteArrayOutputStream;

/** Raw protobuf bytes for tests that hand-craft frames the encoder would never write. */
public final class ProtoBytes {
    private ProtoBytes() {}

    /** A protobuf varint. */
    public static byte[] varint(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((n & ~0x7f) != 0) {
            out.write((n & 0x7f) | 0x80);
            n >>>= 7;
        }
        out.write(n);
        return out.toByteArray();
    }

    /** The parts one after another. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
