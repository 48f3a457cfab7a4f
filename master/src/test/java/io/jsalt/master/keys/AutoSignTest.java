package io.jsalt.master.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AutoSignTest {
    @TempDir
    Path dir;

    private AutoSign withFile(String content, String mode, boolean permissive) throws Exception {
        Path f = dir.resolve("autosign.conf");
        Files.writeString(f, content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return new AutoSign(new AutoSign.Config(false, f, null, null, permissive));
    }

    /** An autosign_grains_dir holding one file, for the grain serial, with these lines. */
    private AutoSign withSerialGrainFile(String content) throws Exception {
        Path grains = Files.createDirectory(dir.resolve("autosign_grains"));
        Files.writeString(grains.resolve("serial"), content);
        return new AutoSign(new AutoSign.Config(false, null, null, grains, false));
    }

    /**
     * Lines of a signing file and the ids they sign, as Salt's AutoKey.check_autosign reads them
     * (salt/daemons/masterapi.py, each line matched by salt.utils.stringutils.expr_match): globs,
     * whole-id regexes, comments and blank lines skipped, lines stripped, a broken regex skipped.
     */
    static Stream<Arguments> signingFileLines() {
        return Stream.of(
                Arguments.of("globs", "web*\ndb[0-9]\ncache?\n", Map.of("web01.example.com", true, "db7", true,
                        "db10", false, "cache1", true, "mail1", false)),
                Arguments.of("regexes match the whole id", "^app\\d+\\.prod$\n(?P<role>lb)-[a-z]+\n",
                        Map.of("app12.prod", true, "app12.prod.evil", false, "lb-east", true, "xlb-east", false)),
                Arguments.of("comments and blank lines are ignored", "# web*\n   \n  #db*\n",
                        Map.of("web1", false, "db1", false, "#db*", false)),
                Arguments.of("lines are stripped of surrounding blanks", "  web1  \r\n", Map.of("web1", true)),
                Arguments.of("an invalid regex line is skipped", "web(\nweb1\n", Map.of("web1", true, "web2", false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signingFileLines")
    void signingFileLinesSignTheIdsTheyMatch(String what, String content, Map<String, Boolean> signs) throws Exception {
        AutoSign a = withFile(content, "rw-r--r--", false);
        signs.forEach((id, expected) -> assertEquals(expected, a.autosign(id, null), what + ": " + id));
    }

    @Test
    void worldWritableSigningFileIsIgnored() throws Exception {
        assertFalse(withFile("*\n", "rw-rw-rw-", true).autosign("web1", null));
    }

    @Test
    void groupWritableSigningFileNeedsPermissivePkiAccess() throws Exception {
        assertFalse(withFile("*\n", "rw-rw-r--", false).autosign("web1", null));
        assertTrue(withFile("*\n", "rw-rw-r--", true).autosign("web1", null));
    }

    @Test
    void missingFilesAndNullConfigSignNothing() {
        AutoSign off = new AutoSign(AutoSign.Config.OFF);
        assertFalse(off.autosign("web1", Map.of("uuid", "x")));
        assertFalse(off.autoreject("web1"));
        AutoSign missing = new AutoSign(new AutoSign.Config(false, dir.resolve("nope"), dir.resolve("nope2"),
                dir.resolve("nodir"), false));
        assertFalse(missing.autosign("web1", Map.of("uuid", "x")));
        assertFalse(missing.autoreject("web1"));
    }

    @Test
    void grainFilesAreNamedByGrainAndListAcceptedValues() throws Exception {
        AutoSign a = withSerialGrainFile("#comment\nABC123\n");
        assertTrue(a.autosign("web1", Map.of("serial", "ABC123")));
        assertFalse(a.autosign("web1", Map.of("serial", "abc123")));
        assertFalse(a.autosign("web1", Map.of("other", "ABC123")));
        assertFalse(a.autosign("web1", Map.of("serial", java.util.List.of("ABC123"))));
        assertFalse(a.autosign("web1", Map.of("../serial", "ABC123")));
    }

    @Test
    void entriesWithControlCharactersAreSkipped() throws Exception {
        // A minion chooses its grain values: an entry only a value with an escape sequence matches is garbage.
        AutoSign a = withSerialGrainFile("ABC\u001b[2J\nDEF\u0085\nGHI\n");
        assertFalse(a.autosign("web1", Map.of("serial", "ABC\u001b[2J")));
        assertTrue(a.autosign("web1", Map.of("serial", "GHI")));
        assertFalse(withFile("web\u001b*\n", "rw-r--r--", false).autosign("web\u001b1", null));
    }

    @Test
    void configIsReadFromSaltMasterOptionNames() {
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("auto_accept", true);
        opts.put("autosign_file", "/etc/jsalt/autosign.conf");
        opts.put("permissive_pki_access", false);
        AutoSign.Config c = AutoSign.Config.fromOpts(opts);
        assertTrue(c.autoAccept());
        assertEquals(Path.of("/etc/jsalt/autosign.conf"), c.autosignFile());
        assertNull(c.autorejectFile());
        assertFalse(c.permissivePkiAccess());
    }

    @Test
    void exprMatchIsExactOrGlobOrWholeRegex() {
        assertTrue(AutoSign.exprMatch("web1", "web1"));
        assertTrue(AutoSign.exprMatch("web1", "w*"));
        assertTrue(AutoSign.exprMatch("web1", "w.b\\d"));
        assertFalse(AutoSign.exprMatch("web1", "eb1"));
    }
}
