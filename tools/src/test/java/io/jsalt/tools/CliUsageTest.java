package io.jsalt.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.cli.Commands;
import io.jsalt.master.MasterMain;
import io.jsalt.master.cli.CommandRun;
import io.jsalt.master.cli.JsaltKeyMain;
import io.jsalt.master.cli.JsaltMain;
import io.jsalt.master.cli.JsaltRunMain;
import io.jsalt.minion.CallMain;
import io.jsalt.minion.MinionMain;
import io.jsalt.tools.aptproxy.AptProxyMain;
import io.jsalt.tools.bench.BenchMain;
import io.jsalt.tools.swarm.SwarmMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every jsalt command line: its help renders without a picocli warning (an unescaped '%' in a
 * description makes picocli print one on every {@code -h}), and an unknown option is an error
 * naming it, as Salt's optparse-based CLIs report it.
 */
class CliUsageTest {
    @TempDir
    Path conf;

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("jsalt", (Supplier<Object>) JsaltMain::new),
                Arguments.of("jsalt-key", (Supplier<Object>) JsaltKeyMain::new),
                Arguments.of("jsalt-run", (Supplier<Object>) JsaltRunMain::new),
                Arguments.of("jsalt-master", (Supplier<Object>) MasterMain::new),
                Arguments.of("jsalt-call", (Supplier<Object>) CallMain::new),
                Arguments.of("jsalt-minion", (Supplier<Object>) MinionMain::new),
                Arguments.of("jsalt-swarm", (Supplier<Object>) SwarmMain::new),
                Arguments.of("jsalt-bench", (Supplier<Object>) BenchMain::new),
                Arguments.of("jsalt-apt-proxy", (Supplier<Object>) AptProxyMain::new),
                Arguments.of("jsalt-compat", (Supplier<Object>) io.jsalt.tools.compat.CompatMain::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void usageRendersWithoutPicocliWarnings(String name, Supplier<Object> command) throws Exception {
        // picocli's tracer keeps the System.err it started with, so its stream is swapped here.
        CommandLine.Tracer tracer = CommandLine.tracer();
        Field stream = tracer.getClass().getDeclaredField("stream");
        stream.setAccessible(true);
        PrintStream before = (PrintStream) stream.get(tracer);
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        String usage;
        try {
            stream.set(tracer, new PrintStream(warnings, true, StandardCharsets.UTF_8));
            usage = new CommandLine(command.get()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        } finally {
            stream.set(tracer, before);
        }
        assertEquals("", warnings.toString(StandardCharsets.UTF_8), name + " usage");
        assertTrue(usage.startsWith("Usage: " + name), usage);
    }

    static Stream<Arguments> unknownOptions() {
        // Salt's tests: tests/pytests/integration/cli/test_salt.py, test_salt_call.py,
        // test_salt_run.py, test_salt_key.py (test_exit_status_unknown_argument): exit code
        // EX_USAGE, "Usage" and "no such option: --unknown-argument" on stderr.
        return Stream.of(
                Arguments.of("jsalt", (Supplier<Object>) JsaltMain::new,
                        new String[] {"--unknown-argument", "*", "test.ping"}),
                Arguments.of("jsalt", (Supplier<Object>) JsaltMain::new,
                        new String[] {"-X", "web*", "test.ping"}),
                Arguments.of("jsalt", (Supplier<Object>) JsaltMain::new,
                        new String[] {"*", "test.arg", "-x"}),
                Arguments.of("jsalt-key", (Supplier<Object>) JsaltKeyMain::new, new String[] {"--unknown-argument"}),
                Arguments.of("jsalt-run", (Supplier<Object>) JsaltRunMain::new,
                        new String[] {"--unknown-argument", "manage.up"}),
                Arguments.of("jsalt-call", (Supplier<Object>) CallMain::new,
                        new String[] {"--unknown-argument", "test.ping"}));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("unknownOptions")
    void unknownOptionIsAUsageError(String name, Supplier<Object> command, String[] args) {
        CommandRun r = CommandRun.run(conf, command, args);
        String option = Stream.of(args).filter(a -> a.startsWith("-")).findFirst().orElseThrow();
        assertEquals(Commands.EX_USAGE, r.code(), r.err());
        assertTrue(r.err().startsWith("Usage: " + name), r.err());
        assertTrue(r.err().endsWith(name + ": error: no such option: " + option + "\n"), r.err());
        assertEquals("", r.out());
    }
}
