package io.jsalt.minion.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Expected strings are Python 3's difflib.unified_diff(a.splitlines(True), b.splitlines(True), '', ''). */
class DiffsTest {
    /** The old text, the new text, then the diff Python prints. */
    static Stream<Arguments> diffs() {
        return Stream.of(
                // a new file's content is one insert hunk from zero, a removed one the reverse
                Arguments.of("", "a\n", "--- \n+++ \n@@ -0,0 +1 @@\n+a\n"),
                Arguments.of("a\n", "", "--- \n+++ \n@@ -1 +0,0 @@\n-a\n"),
                // an appended line, and a missing final newline, look as in Python
                Arguments.of("a\nb\nc\n", "a\nb\nc\nd\n", "--- \n+++ \n@@ -1,3 +1,4 @@\n a\n b\n c\n+d\n"),
                Arguments.of("one\ntwo", "one\ntwo\n", "--- \n+++ \n@@ -1,2 +1,2 @@\n one\n-two+two\n"),
                // equal text has no diff
                Arguments.of("same\n", "same\n", ""));
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("diffs")
    void unifiedDiffIsPythons(String a, String b, String diff) {
        assertEquals(diff, Diffs.unified(a, b));
    }

    @Test
    void distantChangesAreSeparateHunksWithThreeLinesOfContext() {
        String a = IntStream.rangeClosed(1, 20).mapToObj(i -> i + "\n").collect(Collectors.joining());
        String b = IntStream.rangeClosed(1, 20).mapToObj(i -> (i == 2 || i == 15 ? "X" : "" + i) + "\n")
                .collect(Collectors.joining());
        assertEquals("--- \n+++ \n@@ -1,5 +1,5 @@\n 1\n-2\n+X\n 3\n 4\n 5\n@@ -12,7 +12,7 @@\n 12\n 13\n 14\n-15\n+X\n"
                + " 16\n 17\n 18\n", Diffs.unified(a, b));
    }
}
