package io.jsalt.master.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jsalt.common.cli.Commands;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    private record Result(int code, String out, String err) {}

    /** A config under the temp dir: had a check been missed, the command would stay in there. */
    @BeforeEach
    void config() throws Exception {
        Files.writeString(conf.resolve("master"), "root_dir: " + conf.resolve("root") + "\nsock_dir: /run/sock\n");
    }

    private synchronized Result run(Object command, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            String[] full = new String[args.length + 2];
            full[0] = "-c";
            full[1] = conf.toString();
            System.arraycopy(args, 0, full, 2, args.length);
            int code = Commands.run(command, full);
            return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void jsaltKeyRefusesAGlobWithAControlCharacter() {
        Result r = run(new JsaltKeyMain(), "-y", "-a", "web\u001b[2J*");
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
        Result r = run(new JsaltMain(), "-L", "db1,db\n2", "test.ping");
        assertEquals(1, r.code());
        assertEquals("ERROR: invalid -L argument 'db1,db\\n2': minion id 'db\\n2' contains a control or format "
                + "character (\\n)\n", r.err());
        assertEquals("ERROR: invalid target argument 'db 1': minion id 'db 1' contains whitespace (' ')\n",
                run(new JsaltMain(), "db 1", "test.ping").err());
        assertEquals("ERROR: invalid target 'G@os:x\\ny': it contains a control or format character\n",
                run(new JsaltMain(), "-C", "G@os:x\ny", "test.ping").err());
    }
}
