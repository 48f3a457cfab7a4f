package io.jsalt.common.render;

import com.hubspot.jinjava.lib.filter.Filter;
import io.jsalt.common.py.Hashlib;
import io.jsalt.common.py.PyPformat;
import io.jsalt.common.py.PyText;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jinjava.javax.el.ELException;

/**
 * Salt's string, hashing and introspection filters (salt/utils/jinja.py,
 * salt/utils/stringutils.py, salt/utils/hashutils.py): to_snake_case, to_camelcase, uuid,
 * sha1, hmac, hmac_compute, skip, python, indent with first/blank, and method_call.
 */
final class TextFilters {
    private TextFilters() {}

    /** The namespace Salt's uuid filter hashes the value in (uuid5): GLOBAL_UUID of salt/utils/jinja.py. */
    private static final UUID GLOBAL_UUID = UUID.fromString("91633EBF-1C86-5E33-935A-28061F4B480E");

    private static final java.util.regex.Pattern HUMAN_SIZE =
            java.util.regex.Pattern.compile("([0-9.]*)\\s*(.*)", java.util.regex.Pattern.DOTALL);

    /**
     * salt.utils.stringutils.human_to_bytes: {@code 2G}, {@code 30MB}, {@code 64KiB} in bytes,
     * powers of 1024 unless handle_metric makes {@code kb ... yb} powers of 1000; 0 for
     * anything else. The value may be a float; the result is truncated to an int.
     */
    static Object humanToBytes(String size, String defaultUnit, boolean handleMetric) {
        java.util.regex.Matcher m = HUMAN_SIZE.matcher(String.valueOf(PyStrMethods.call(size, "strip", List.of(), Map.of())));
        m.matches();
        String unit = m.group(2).toLowerCase(java.util.Locale.ROOT);
        if (unit.isEmpty()) {
            unit = defaultUnit.toLowerCase(java.util.Locale.ROOT);
        }
        java.math.BigDecimal value;
        try {
            value = new java.math.BigDecimal(new java.math.BigInteger(m.group(1)));
        } catch (NumberFormatException notInt) {
            try {
                value = java.math.BigDecimal.valueOf(Double.parseDouble(m.group(1)));
            } catch (NumberFormatException notFloat) {
                return 0L;
            }
        }
        boolean dec = false;
        if (unit.matches("[kmgtpezy]b")) {
            dec = handleMetric;
        } else if (!unit.matches("(b|[kmgtpezy](ib)?)")) {
            return 0L;
        }
        int p = "bkmgtpezy".indexOf(unit.charAt(0));
        java.math.BigInteger scale = dec ? java.math.BigInteger.TEN.pow(p * 3) : java.math.BigInteger.TWO.pow(p * 10);
        java.math.BigInteger bytes = value.multiply(new java.math.BigDecimal(scale)).toBigInteger();
        return bytes.bitLength() < 64 ? (Object) bytes.longValue() : bytes;
    }

    static List<Filter> all() {
        return List.of(
                new SaltFilters.Named("human_to_bytes", (v, a, k) -> humanToBytes(PyValues.str(v),
                        PyValues.str(SaltFilters.arg(a, k, 0, "default_unit", "B")),
                        PyValues.truthy(SaltFilters.arg(a, k, 1, "handle_metric", false)))),
                new SaltFilters.Named("to_snake_case", (v, a, k) -> snake(PyValues.str(v))),
                new SaltFilters.Named("to_camelcase", (v, a, k) -> camel(PyValues.str(v),
                        PyValues.truthy(SaltFilters.arg(a, k, 0, "uppercamel", false)))),
                new SaltFilters.Named("uuid", (v, a, k) -> uuid5(GLOBAL_UUID, PyValues.str(v))),
                new SaltFilters.Named("sha1", (v, a, k) -> Hashlib.hexdigest("sha1", utf8(v)).orElseThrow()),
                new SaltFilters.Named("hmac", (v, a, k) -> hmacValid(v, a, k)),
                new SaltFilters.Named("hmac_compute", (v, a, k) -> HexFormat.of().formatHex(
                        hmacSha256(PyValues.str(SaltFilters.arg(a, k, 0, "shared_secret", "")), utf8(v)))),
                new SaltFilters.Named("skip", (v, a, k) -> ""),
                new SaltFilters.Named("python", (v, a, k) -> PyPformat.pformat(PyValues.toData(v)).strip()),
                new SaltFilters.Named("indent", TextFilters::indent),
                new SaltFilters.Named("method_call", TextFilters::methodCall),
                new SaltFilters.Named("strftime", TextFilters::strftime),
                new SaltFilters.Named("date_format", TextFilters::strftime),
                new SaltFilters.Named("random_hash", TextFilters::randomHash),
                new SaltFilters.Named("rand_str", TextFilters::randomHash),
                new SaltFilters.Named("random_sample", (v, a, k) -> sample(v,
                        Integer.parseInt(PyValues.str(SaltFilters.arg(a, k, 0, "size", 0L))),
                        SaltFilters.arg(a, k, 1, "seed", null))),
                new SaltFilters.Named("random_shuffle", (v, a, k) -> sample(v, SaltFilters.toList(v).size(),
                        SaltFilters.arg(a, k, 0, "seed", null))));
    }

    private static byte[] utf8(Object v) {
        return PyValues.str(v).getBytes(StandardCharsets.UTF_8);
    }

    /** salt.utils.stringutils.camel_to_snake_case. */
    static String snake(String s) {
        if (s.isEmpty()) {
            return s;
        }
        StringBuilder sb = new StringBuilder().append(Character.toLowerCase(s.charAt(0)));
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isUpperCase(c) && (Character.isLowerCase(s.charAt(i - 1))
                    || (i != s.length() - 1 && Character.isLowerCase(s.charAt(i + 1))))) {
                sb.append('_');
            }
            sb.append(Character.toLowerCase(c));
        }
        return sb.toString();
    }

    /** salt.utils.stringutils.snake_to_camel_case. */
    static String camel(String s, boolean upper) {
        String[] words = s.split("_", -1);
        StringBuilder sb = new StringBuilder(upper ? capitalize(words[0]) : words[0]);
        for (int i = 1; i < words.length; i++) {
            sb.append(capitalize(words[i]));
        }
        return sb.toString();
    }

    private static String capitalize(String w) {
        return w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** Python's uuid.uuid5(namespace, name). */
    static String uuid5(UUID namespace, String name) {
        MessageDigest sha1 = Hashlib.digest("sha1").orElseThrow();
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        h[6] = (byte) ((h[6] & 0x0f) | 0x50);
        h[8] = (byte) ((h[8] & 0x3f) | 0x80);
        ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
        return new UUID(b.getLong(), b.getLong()).toString();
    }

    private static byte[] hmacSha256(String key, byte[] msg) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(msg);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** salt.utils.hashutils.hmac_signature: the base64 HMAC-SHA256 of the value equals the challenge. */
    private static Object hmacValid(Object v, List<Object> a, Map<String, Object> k) {
        String secret = PyValues.str(SaltFilters.arg(a, k, 0, "shared_secret", ""));
        String challenge = PyValues.str(SaltFilters.arg(a, k, 1, "challenge_hmac", ""));
        String valid = Base64.getEncoder().encodeToString(hmacSha256(secret, utf8(v)));
        return MessageDigest.isEqual(valid.getBytes(StandardCharsets.UTF_8),
                challenge.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * salt.utils.jinja.indent (Jinja2's indent): lines after the first indented by width
     * spaces (or by width itself when it is a string), the first too with first=True, blank
     * lines only with blank=True; indentfirst is the old name of first.
     */
    private static Object indent(Object v, List<Object> a, Map<String, Object> k) {
        String s = PyValues.str(v);
        Object w = SaltFilters.arg(a, k, 0, "width", 4L);
        String ind = PyValues.unwrap(w) instanceof String str ? str : " ".repeat(Integer.parseInt(PyValues.str(w)));
        Object firstArg = k.containsKey("indentfirst") ? k.get("indentfirst") : SaltFilters.arg(a, k, 1, "first", false);
        boolean first = PyValues.truthy(firstArg);
        boolean blank = PyValues.truthy(SaltFilters.arg(a, k, 2, "blank", false));
        List<String> lines = PyText.splitlines(s + "\n");
        StringBuilder sb = new StringBuilder();
        if (blank) {
            sb.append(String.join("\n" + ind, lines));
        } else {
            sb.append(lines.get(0));
            for (String line : lines.subList(1, lines.size())) {
                sb.append('\n').append(line.isEmpty() ? "" : ind + line);
            }
        }
        return first ? ind + sb : sb.toString();
    }

    /**
     * salt.utils.dateutils.strftime (also date_format): the value as a local date and time,
     * printed with Python's strftime. None is now; a number or numeric string is a Unix
     * timestamp. Salt parses other text only with the optional timelib module, and without it
     * fails as here.
     */
    private static Object strftime(Object v, List<Object> a, Map<String, Object> k) {
        Object u = PyValues.unwrap(v);
        String fmt = PyValues.str(SaltFilters.arg(a, k, 0, "format", "%Y-%m-%d"));
        java.time.ZonedDateTime t;
        if (u == null) {
            t = java.time.ZonedDateTime.now();
        } else {
            double ts;
            try {
                ts = u instanceof Number n ? n.doubleValue() : Double.parseDouble(PyValues.str(u).strip());
            } catch (NumberFormatException e) {
                throw new RenderErrors.TemplateProblem("Unable to parse " + PyValues.str(u)
                        + ". Consider installing timelib");
            }
            long micros = Math.round(ts * 1_000_000);
            t = java.time.Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L)
                    .atZone(java.time.ZoneId.systemDefault());
        }
        return io.jsalt.common.py.PyStrftime.format(t, fmt);
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /**
     * salt.utils.hashutils.random_hash(size=9999999999, hash_type='md5'): the hex digest of
     * the text of a random integer from 0 to size.
     */
    private static Object randomHash(Object v, List<Object> a, Map<String, Object> k) {
        Object size = v == null ? 9999999999L : PyValues.unwrap(v);
        long max = Long.parseLong(PyValues.str(size));
        String type = PyValues.str(SaltFilters.arg(a, k, 0, "hash_type", "md5"));
        long n = RANDOM.nextLong(max + 1);
        return Hashlib.hexdigest(type, Long.toString(n).getBytes(StandardCharsets.UTF_8))
                .orElseThrow(() -> new RenderErrors.TemplateProblem("module 'hashlib' has no attribute '" + type + "'"));
    }

    /**
     * salt.utils.data.sample and shuffle (random_sample, random_shuffle): size items of the
     * list in random order. Salt seeds Python's Mersenne Twister from a seed's sha512, a
     * sequence this does not reproduce, so a seed is refused rather than giving other items.
     */
    private static Object sample(Object v, int size, Object seed) {
        if (seed != null) {
            throw new RenderErrors.TemplateProblem("random_sample/random_shuffle with a seed is not supported by jsalt");
        }
        List<Object> items = new java.util.ArrayList<>(SaltFilters.toList(v));
        if (size < 0 || size > items.size()) {
            throw new RenderErrors.TemplateProblem("Sample larger than population or is negative");
        }
        java.util.Collections.shuffle(items, RANDOM);
        return new java.util.ArrayList<>(items.subList(0, size));
    }

    /**
     * salt.utils.jinja.method_call: getattr(obj, name, lambda *a, **k: None)(*args, **kwargs).
     * The methods are those of {@link PyMethods} for str, dict and list, dict.fromkeys, and
     * int.bit_length and float.is_integer; any other name gives None, as in Salt.
     */
    private static Object methodCall(Object v, List<Object> a, Map<String, Object> k) {
        Object obj = PyValues.unwrap(v);
        String name = PyValues.str(a.isEmpty() ? "" : a.get(0));
        List<Object> args = a.subList(Math.min(1, a.size()), a.size());
        if (obj instanceof Number n) {
            boolean integral = !(n instanceof Double || n instanceof Float);
            if (integral && name.equals("bit_length")) {
                return (long) (64 - Long.numberOfLeadingZeros(Math.abs(n.longValue())));
            }
            if (!integral && name.equals("is_integer")) {
                return n.doubleValue() == Math.rint(n.doubleValue()) && !Double.isInfinite(n.doubleValue());
            }
            return null;
        }
        if (obj instanceof Map && name.equals("fromkeys")) {
            Map<Object, Object> out = new java.util.LinkedHashMap<>();
            for (Object key : SaltFilters.toList(args.isEmpty() ? List.of() : args.get(0))) {
                out.put(key, args.size() > 1 ? args.get(1) : null);
            }
            return out;
        }
        if (!(obj instanceof String || obj instanceof Map || obj instanceof List)) {
            return null;
        }
        try {
            return PyMethods.call(v instanceof Map || v instanceof List ? v : obj, name,
                    new java.util.ArrayList<>(args), new java.util.LinkedHashMap<>(k));
        } catch (ELException e) {
            if (String.valueOf(e.getMessage()).contains("has no attribute")) {
                return null;
            }
            throw e;
        }
    }
}
