package io.jsalt.common.py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jsalt.common.data.VectorFiles;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Fnmatch against Python's fnmatch.fnmatchcase on POSIX, case by case. */
class FnmatchCompatTest {
    private static final String FILE = "python-fnmatch.yaml";

    static Stream<Arguments> cases() {
        return VectorFiles.cases(FILE, "cases", "name", "pattern", "matches");
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void matchesAsPythonDoes(String name, String pattern, boolean matches) {
        assertEquals(matches, Fnmatch.matches(name, pattern));
    }
}
