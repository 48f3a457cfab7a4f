package io.jsalt.common.render;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One test case per entry of a vector file under src/test/resources/salt-vectors/, rendered
 * with the renderer and context a subclass gives. The subclasses differ only in their file and
 * in the files or functions their templates reach, so the case itself lives here once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SaltVectorCases {
    private final String file;
    private final Renderer renderer;
    private final RenderContext context;
    private final Set<String> gaps;

    SaltVectorCases(String file, Renderer renderer, RenderContext context) {
        this.file = file;
        this.renderer = renderer;
        this.context = context;
        this.gaps = SaltVectors.gaps(file);
    }

    Stream<Arguments> vectors() {
        return SaltVectors.load(file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void matchesSalt(String saltTest, String template, SaltVectors.Mode mode, String expected) {
        SaltVectors.check(renderer, context, gaps, saltTest, template, mode, expected);
    }
}
