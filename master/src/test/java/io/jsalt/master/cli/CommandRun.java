package io.jsalt.master.cli;

import io.jsalt.common.cli.Commands;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;

/** One run of a CLI command in this JVM: its exit code and what it printed. */
public record CommandRun(int code, String out, String err) {
    /**
     * Runs the command with {@code -c conf} before its arguments, capturing stdout and stderr.
     * The command is made after the capture starts, as commands may keep System.out when they
     * are built. One at a time: System.out and System.err belong to the whole JVM.
     */
    public static synchronized CommandRun run(Path conf, Supplier<?> command, String... args) {
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
            // jsalt reads its common command lines itself and the rest with picocli: run it
            // as its main does, so that tests see both.
            Object cmd = command.get();
            int code = cmd instanceof JsaltMain ? JsaltMain.run(full) : Commands.run(cmd, full);
            return new CommandRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
