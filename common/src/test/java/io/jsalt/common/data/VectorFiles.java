package io.jsalt.common.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Reads the test vector files under common/src/test/resources/salt-vectors/: cases ported from
 * Salt's own tests, and the Python behaviour Salt relies on, kept as YAML so that a table of
 * cases is data rather than code. Other modules' tests read them through the common test jar.
 */
public final class VectorFiles {
    private VectorFiles() {}

    /** The entries of a file that is a YAML list of mappings. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> entries(String file) {
        return (List<Map<String, Object>>) read(file);
    }

    /** The list under one top-level key of a file that is a mapping of sections. */
    @SuppressWarnings("unchecked")
    public static <T> List<T> section(String file, String key) {
        Object section = ((Map<String, Object>) read(file)).get(key);
        if (section == null) {
            throw new IllegalStateException(file + " has no section " + key);
        }
        return (List<T>) section;
    }

    /** One JUnit case per entry of a section: the values of the given keys, in order (null where absent). */
    public static Stream<Arguments> cases(String file, String key, String... fields) {
        return VectorFiles.<Map<String, Object>>section(file, key).stream()
                .map(v -> Arguments.of(Arrays.stream(fields).map(v::get).toArray()));
    }

    private static Object read(String file) {
        String path = "/salt-vectors/" + file;
        try (InputStream in = VectorFiles.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + path);
            }
            return Yaml.load(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
