package io.jsalt.common.render;

import static io.jsalt.common.render.Fixtures.jinja;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jsalt.common.data.VectorFiles;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every entry of salt-vectors/jinja2-python-semantics.yaml with the render fixtures and
 * compares the text with what Jinja2 3.1 prints: Python's comparisons, printf-style formatting,
 * str.format's format specs, literal syntax and *args in calls, macro signatures, Salt's yaml
 * filter, select/reject truthiness and Salt's load blocks (the file says which Jinja2 or Salt
 * source each section follows). The table is data so that the cases do not repeat the same
 * assertion as code; the error cases of each behaviour stay in PyComparisonTest,
 * PyPercentFormatTest, PySyntaxLiteralsTest and LoadBlockTest.
 */
class Jinja2PythonSemanticsTest {
    private static final String FILE = "jinja2-python-semantics.yaml";

    static Stream<Arguments> cases() {
        return Stream.of("comparison", "percent_format", "str_format", "literals", "macro_signatures", "yaml_filter", "select_reject", "load_blocks")
                .flatMap(section -> VectorFiles.cases(FILE, section, "case", "template", "expected"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void printsWhatJinja2Prints(String name, String template, String expected) {
        assertEquals(expected, jinja(template), name);
    }
}
