package io.jsalt.minion.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.Version;
import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.FunctionNotAvailable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestModuleTest extends TestMinionCase {
    @Test
    void pingReturnsTrueAndSetsNoRetcode() {
        TestMinion.Result r = m.run("test.ping", List.of(), Map.of());
        assertEquals(true, r.value());
        assertNull(r.retcode());
    }

    @Test
    void argReturnsArgsAndKwargsWithoutPubKeys() {
        TestMinion.Result r = m.run("test.arg", List.of(1L, "two", 3.1),
                Data.map("txt", "hello", "__pub_jid", "123", "__pub_fun", "test.arg"));
        assertEquals(Data.map("args", List.of(1L, "two", 3.1), "kwargs", Data.map("txt", "hello")), r.value());
    }

    @Test
    void retcodeSetsTheJobRetcode() {
        assertEquals(42, m.run("test.retcode", List.of(), Map.of()).retcode());
        assertEquals(3, m.run("test.retcode", List.of(3L), Map.of()).retcode());
    }

    @Test
    void exceptionRaisesWithTheGivenOrDefaultMessage() {
        assertEquals("Test Exception", assertThrows(RuntimeException.class, () -> m.call("test.exception")).getMessage());
        assertEquals("Oh noes!", assertThrows(RuntimeException.class, () -> m.call("test.exception", "Oh noes!")).getMessage());
    }

    @Test
    void trueAndFalseAreCalledByTheirSaltNames() {
        assertEquals(true, m.call("test.true"));
        assertEquals(false, m.call("test.false"));
    }

    @Test
    void echoVersionFibAndCollatz() {
        assertEquals("foo bar", m.call("test.echo", "foo bar"));
        assertEquals(Version.VERSION, m.call("test.version"));
        assertEquals(55L, ((List<?>) m.call("test.fib", 10L)).get(0));
        assertEquals(List.of(3L, 10L, 5L, 16L, 8L, 4L, 2L), ((List<?>) m.call("test.collatz", 3L)).get(0));
    }

    @Test
    void randomHashIsAHexDigestOfTheAskedType() {
        assertTrue(((String) m.callKw("test.random_hash", List.of(), "hash_type", "md5")).matches("[0-9a-f]{32}"));
        assertTrue(((String) m.call("test.random_hash")).matches("[0-9a-f]{64}"));
    }

    @Test
    void versionsReportNamesJsaltJavaAndTheSystem() {
        String report = (String) m.call("test.versions_report");
        assertTrue(report.startsWith("Jsalt Version:\n"), report);
        assertTrue(report.contains("jsalt: " + Version.VERSION), report);
        assertTrue(report.contains("snakeyaml: 2.3"), report);
        assertTrue(report.contains("System Versions:"), report);
    }

    @Test
    void unknownFunctionGivesSaltsMessage() {
        FunctionNotAvailable e = assertThrows(FunctionNotAvailable.class, () -> m.call("test.nope"));
        assertEquals("'test.nope' is not available.", e.getMessage());
    }

    @Test
    void missingArgumentNamesTheFunctionAndArgument() {
        var e = assertThrows(RuntimeException.class, () -> m.call("test.echo"));
        assertEquals("Passed invalid arguments to test.echo: echo() missing 1 required positional argument: 'text'",
                e.getMessage());
    }
}
