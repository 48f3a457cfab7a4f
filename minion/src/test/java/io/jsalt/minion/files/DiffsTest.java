package io.jsalt.minion.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Expected strings are Python 3's difflib.unified_diff(a.splitlines(True), b.splitlines(True), '', ''). */
class DiffsTest {
    @Test
    void newFileContentIsOneInsertHunkFromZero() {
        assertEquals("--- \n+++ \n@@ -0,0 +1 @@\n+a\n", Diffs.unified("", "a\n"));
        assertEquals("--- \n+++ \n@@ -1 +0,0 @@\n-a\n", Diffs.unified("a\n", ""));
    }

    @Test
    void distantChangesAreSeparateHunksWithThreeLinesOfContext() {
        String a = IntStream.rangeClosed(1, 20).mapToObj(i -> i + "\n").collect(Collectors.joining());
        String b = IntStream.rangeClosed(1, 20).mapToObj(i -> (i == 2 || i == 15 ? "X" : "" + i) + "\n")
                .collect(Collectors.joining());
        assertEquals("--- \n+++ \n@@ -1,5 +1,5 @@\n 1\n-2\n+X\n 3\n 4\n 5\n@@ -12,7 +12,7 @@\n 12\n 13\n 14\n-15\n+X\n"
                + " 16\n 17\n 18\n", Diffs.unified(a, b));
    }

    @Test
    void appendedLineAndMissingFinalNewlineLookAsInPython() {
        assertEquals("--- \n+++ \n@@ -1,3 +1,4 @@\n a\n b\n c\n+d\n", Diffs.unified("a\nb\nc\n", "a\nb\nc\nd\n"));
        assertEquals("--- \n+++ \n@@ -1,2 +1,2 @@\n one\n-two+two\n", Diffs.unified("one\ntwo", "one\ntwo\n"));
    }

    @Test
    void equalTextHasNoDiff() {
        assertEquals("", Diffs.unified("same\n", "same\n"));
    }
}
