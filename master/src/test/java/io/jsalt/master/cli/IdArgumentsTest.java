package io.jsalt.master.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ids and key globs on the command line are checked before anything is sent: one line
 * naming the argument, the id escaped, exit code 1. Salt passes them on unchecked.
 */
class IdArgumentsTest {
    @TempDir
    Path conf;

    /** A config under the temp dir: had a check been missed, the command would stay in there. */
    @BeforeEach
    void config() throws Exception {
        Files.writeString(conf.resolve("master"), "root_dir: " + conf.resolve("root") + "\nsock_dir: /run/sock\n");
    }

    private CommandRun run(Object command, String... args) {
        return CommandRun.run(conf, () -> command, args);
    }

    /** A command line refused before anything is sent: the command, its words, then its one error line. */
    static Stream<Arguments> refused() {
        Supplier<Object> key = JsaltKeyMain::new;
        Supplier<Object> jsalt = JsaltMain::new;
        return Stream.of(
                Arguments.of(key, new String[] {"-y", "-a", "web\u001b[2J*"},
                        "ERROR: invalid -a argument 'web\\x1b[2J*': the pattern contains a control or format "
                                + "character (\\x1b)\n"),
                Arguments.of(key, new String[] {"-y", "-r", "evil1\ninjected:"},
                        "ERROR: invalid -r argument 'evil1\\ninjected:': minion id 'evil1\\ninjected:' contains a "
                                + "control or format character (\\n)\n"),
                Arguments.of(key, new String[] {"-y", "-d", "../db1"},
                        "ERROR: invalid -d argument '../db1': minion id '../db1' starts with '.'\n"),
                Arguments.of(jsalt, new String[] {"-L", "db1,db\n2", "test.ping"},
                        "ERROR: invalid -L argument 'db1,db\\n2': minion id 'db\\n2' contains a control or format "
                                + "character (\\n)\n"),
                Arguments.of(jsalt, new String[] {"db 1", "test.ping"},
                        "ERROR: invalid target argument 'db 1': minion id 'db 1' contains whitespace (' ')\n"),
                Arguments.of(jsalt, new String[] {"-C", "G@os:x\ny", "test.ping"},
                        "ERROR: invalid target 'G@os:x\\ny': it contains a control or format character\n"));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("refused")
    void aBadIdOrPatternIsOneErrorLineAndExitCode1(Supplier<Object> command, String[] args, String error) {
        CommandRun r = run(command.get(), args);
        assertEquals(error, r.err());
        assertEquals(1, r.code());
        assertEquals("", r.out());
    }

    @Test
    void jsaltKeyRefusesAnOverlongFingerPattern() {
        assertEquals(1, run(new JsaltKeyMain(), "-f", "x".repeat(129)).code());
    }
}
