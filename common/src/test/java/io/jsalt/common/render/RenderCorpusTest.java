package io.jsalt.common.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jsalt.common.data.Yaml;
import io.jsalt.common.files.FileRoots;
import io.jsalt.common.py.PyRepr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Renders every SLS tree under src/test/resources/render/ (sls {@code <case>}, file
 * {@code <case>/init.sls}) and compares with {@code <case>/expected.yaml}, order included.
 * The expected data is what Salt renders for the same tree and context.
 */
class RenderCorpusTest {
    private final Renderer renderer = new Renderer(FileRoots.base(Fixtures.corpus()));

    @TestFactory
    Stream<DynamicTest> everyCaseRendersAsSaltDoes() throws Exception {
        List<Path> cases;
        try (Stream<Path> dirs = Files.list(Fixtures.corpus())) {
            cases = dirs.filter(d -> Files.exists(d.resolve("init.sls"))).sorted().toList();
        }
        assertFalse(cases.isEmpty());
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            String sls = dir.getFileName().toString();
            Object expected = Yaml.load(Files.readString(dir.resolve("expected.yaml")), sls + "/expected.yaml");
            Object actual = renderer.renderSlsFile(sls + "/init.sls", Fixtures.context(sls));
            assertEquals(PyRepr.repr(expected), PyRepr.repr(actual));
            // Rendering again hits the parse cache and must give the same data.
            assertEquals(PyRepr.repr(actual), PyRepr.repr(renderer.renderSlsFile(sls + "/init.sls", Fixtures.context(sls))));
        }));
    }
}
