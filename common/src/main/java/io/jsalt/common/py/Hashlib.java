package io.jsalt.common.py;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Python's hashlib for the algorithms Salt's {@code hash_type} options name: md5, sha1,
 * sha224, sha256, sha384 and sha512, spelled as hashlib spells them (lower case).
 */
public final class Hashlib {
    private static final Map<String, String> JCA_NAMES = Map.of(
            "md5", "MD5", "sha1", "SHA-1", "sha224", "SHA-224", "sha256", "SHA-256",
            "sha384", "SHA-384", "sha512", "SHA-512");

    private Hashlib() {}

    /** The names hashlib.new accepts here, sorted, for error messages. */
    public static Set<String> names() {
        return new TreeSet<>(JCA_NAMES.keySet());
    }

    /** hashlib.new(name): a fresh digest, or empty when the name is not one of {@link #names()}. */
    public static Optional<MessageDigest> digest(String name) {
        String jca = name == null ? null : JCA_NAMES.get(name);
        if (jca == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(MessageDigest.getInstance(jca));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jca + " is not available in this JVM", e);
        }
    }

    /** hashlib.new(name, data).hexdigest(), or empty when the name is not one of {@link #names()}. */
    public static Optional<String> hexdigest(String name, byte[] data) {
        return digest(name).map(d -> HexFormat.of().formatHex(d.digest(data)));
    }
}
