package io.jsalt.common.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.jsalt.common.data.VectorFiles;
import io.jsalt.common.data.Yaml;
import io.jsalt.common.files.FileRoots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Runs vectors ported from Salt's own Jinja unit tests (tests/pytests/unit/utils/jinja/ in
 * Salt) through jsalt's renderer. Each vector names the Salt test function it comes from and
 * keeps Salt's expected output unchanged; the vectors are data, one YAML file a source under
 * src/test/resources/salt-vectors/. A vector that jsalt does not pass yet is listed as a
 * known gap: it is reported as skipped, and fails once it passes so that the list stays true.
 */
final class SaltVectors {
    private SaltVectors() {}

    /** How the rendered text is compared with Salt's expectation. */
    enum Mode {
        /** The text equals the expectation. */
        EXACT,
        /** A printed Python set: its members, in any order, equal the comma-separated expectation. */
        SET,
        /** The text loads as YAML to the same data as the expectation. */
        DATA,
        /** The render fails; the expectation is a part of the error message (may be empty). */
        ERROR
    }

    /**
     * The vectors of one file under src/test/resources/salt-vectors/: a YAML list of entries
     * {name, template, expected, mode (exact when absent), gap, reason}, each one case named
     * after its entry.
     */
    static Stream<Arguments> load(String file) {
        return VectorFiles.entries(file).stream().map(v -> Arguments.of(v.get("name"), v.get("template"),
                Mode.valueOf(String.valueOf(v.getOrDefault("mode", "exact")).toUpperCase(Locale.ROOT)),
                v.get("expected")));
    }

    /** The names of the entries of a vector file marked {@code gap: true}, with a reason. */
    static Set<String> gaps(String file) {
        Set<String> gaps = new HashSet<>();
        for (Map<String, Object> v : VectorFiles.entries(file)) {
            if (Boolean.TRUE.equals(v.get("gap"))) {
                if (v.get("reason") == null) {
                    throw new IllegalStateException(file + ": gap " + v.get("name") + " gives no reason");
                }
                gaps.add((String) v.get("name"));
            }
        }
        return gaps;
    }

    /** Templates that Salt's tests load by name (their DictLoader), under one file root. */
    static Renderer renderer(Map<String, String> files) {
        try {
            Path root = Files.createTempDirectory("salt-vectors");
            for (Map.Entry<String, String> e : files.entrySet()) {
                Files.writeString(root.resolve(e.getKey()), e.getValue());
            }
            root.toFile().deleteOnExit();
            return new Renderer(FileRoots.base(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void check(Renderer renderer, Set<String> gaps, String id, String template, Mode mode, String expected) {
        check(renderer, Fixtures.context(null), gaps, id, template, mode, expected);
    }

    static void check(Renderer renderer, RenderContext ctx, Set<String> gaps, String id, String template, Mode mode,
            String expected) {
        boolean gap = gaps.contains(id);
        try {
            run(renderer, ctx, template, mode, expected);
        } catch (AssertionError | RuntimeException e) {
            if (gap) {
                Assumptions.abort("known gap: " + id + ": " + e.getMessage());
            }
            throw new AssertionError(id + ": " + e, e);
        }
        if (gap) {
            fail(id + " passes now: remove it from the known gaps");
        }
    }

    private static void run(Renderer renderer, RenderContext ctx, String template, Mode mode, String expected) {
        if (mode == Mode.ERROR) {
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> renderer.renderTemplate(template, "vector.txt", ctx));
            if (!String.valueOf(e.getMessage()).contains(expected)) {
                fail("error '" + e.getMessage() + "' does not contain '" + expected + "'");
            }
            return;
        }
        String out = renderer.renderTemplate(template, "vector.txt", ctx);
        switch (mode) {
            case SET -> {
                if (!out.startsWith("{") || !out.endsWith("}")) {
                    fail("not a printed set: " + out);
                }
                String[] got = out.substring(1, out.length() - 1).split(", ");
                String[] want = expected.split(", ");
                Arrays.sort(got);
                Arrays.sort(want);
                assertEquals(Arrays.asList(want), Arrays.asList(got));
            }
            case DATA -> assertEquals(Yaml.load(expected, "expected"), Yaml.load(out, "rendered"));
            default -> assertEquals(expected, out);
        }
    }
}
