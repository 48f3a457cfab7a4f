package io.jsalt.master.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void jsaltKeyRefusesAGlobWithAControlCharacter() {
        CommandRun r = run(new JsaltKeyMain(), "-y", "-a", "web\u001b[2J*");
        assertEquals(1, r.code());
        assertEquals("ERROR: invalid -a argument 'web\\x1b[2J*': the pattern contains a control or format "
                + "character (\\x1b)\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void jsaltKeyRefusesAnInvalidIdForEveryKeyAction() {
        assertEquals("ERROR: invalid -r argument 'evil1\\ninjected:': minion id 'evil1\\ninjected:' contains a control "
                + "or format character (\\n)\n", run(new JsaltKeyMain(), "-y", "-r", "evil1\ninjected:").err());
        assertEquals("ERROR: invalid -d argument '../db1': minion id '../db1' starts with '.'\n",
                run(new JsaltKeyMain(), "-y", "-d", "../db1").err());
        assertEquals(1, run(new JsaltKeyMain(), "-f", "x".repeat(129)).code());
    }

    @Test
    void jsaltRefusesInvalidIdsInAListOrLiteralTarget() {
        CommandRun r = run(new JsaltMain(), "-L", "db1,db\n2", "test.ping");
        assertEquals(1, r.code());
        assertEquals("ERROR: invalid -L argument 'db1,db\\n2': minion id 'db\\n2' contains a control or format "
                + "character (\\n)\n", r.err());
        assertEquals("ERROR: invalid target argument 'db 1': minion id 'db 1' contains whitespace (' ')\n",
                run(new JsaltMain(), "db 1", "test.ping").err());
        assertEquals("ERROR: invalid target 'G@os:x\\ny': it contains a control or format character\n",
                run(new JsaltMain(), "-C", "G@os:x\ny", "test.ping").err());
    }
}
