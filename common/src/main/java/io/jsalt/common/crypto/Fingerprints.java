package io.jsalt.common.crypto;

import io.jsalt.common.py.Hashlib;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Key fingerprints exactly as Salt's {@code salt.utils.crypt.pem_finger} prints them for a
 * key file ({@code salt-key -f}, {@code key.finger}, {@code master_finger}): the hash of the
 * PEM body, that is the file's non-blank lines without the first (BEGIN) and the last (END),
 * each with its '\n', CRLF read as LF; shown as colon-separated lower-case hex pairs.
 */
public final class Fingerprints {
    /** Salt's default {@code hash_type}. */
    public static final String DEFAULT_HASH = "sha256";

    private Fingerprints() {}

    public static String of(String publicKeyPem) {
        return of(publicKeyPem, DEFAULT_HASH);
    }

    public static String of(PublicKey key) {
        return of(Pem.publicKey(key), DEFAULT_HASH);
    }

    /** With a Salt {@code hash_type} name: md5, sha1, sha224, sha256, sha384, sha512. */
    public static String of(String pem, String hashType) {
        return format(digest(hashType).digest(body(pem).getBytes(StandardCharsets.UTF_8)));
    }

    /** True when both are the same fingerprint, ignoring case and surrounding blanks. */
    public static boolean matches(String expected, String actual) {
        return expected != null && actual != null
                && expected.strip().toLowerCase(Locale.ROOT).equals(actual.strip().toLowerCase(Locale.ROOT));
    }

    /** The bytes pem_finger hashes: non-blank lines minus the first and the last. */
    static String body(String pem) {
        String[] lines = pem.replace("\r\n", "\n").split("\n", -1);
        StringBuilder kept = new StringBuilder();
        int count = 0;
        for (String line : lines) {
            if (!line.strip().isEmpty()) {
                count++;
            }
        }
        if (count < 2) {
            throw new IllegalArgumentException("not a PEM block: expected BEGIN and END lines");
        }
        int seen = 0;
        for (String line : lines) {
            if (line.strip().isEmpty()) {
                continue;
            }
            seen++;
            if (seen > 1 && seen < count) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }

    static String format(byte[] digest) {
        String hex = HexFormat.of().formatHex(digest);
        StringBuilder sb = new StringBuilder(hex.length() * 3 / 2);
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(hex, i, i + 2);
        }
        return sb.toString();
    }

    private static MessageDigest digest(String hashType) {
        String name = hashType == null ? DEFAULT_HASH : hashType.toLowerCase(Locale.ROOT);
        return Hashlib.digest(name).orElseThrow(() -> new IllegalArgumentException("unknown hash_type '" + hashType
                + "' (use one of " + String.join(", ", Hashlib.names()) + ")"));
    }
}
