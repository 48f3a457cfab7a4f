package io.jsalt.master.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class JsaltMainTest {
    /** Every field a command line sets, as one line, or "error" when picocli refuses it. */
    private static String picocli(String... args) {
        JsaltMain m = new JsaltMain();
        try {
            io.jsalt.common.cli.Commands.commandLine(m).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return "error";
        }
        return fields(m);
    }

    private static String fast(String... args) {
        JsaltMain m = JsaltMain.parseCommon(args);
        return m == null ? null : fields(m);
    }

    private static String fields(JsaltMain m) {
        return String.join("|", String.valueOf(m.configDir.configDir), String.valueOf(m.timeout), m.tgtType(),
                String.valueOf(m.async), String.valueOf(m.batch), String.valueOf(m.output.out),
                String.valueOf(m.output.outIndent), String.valueOf(m.output.noColor),
                String.valueOf(m.output.forceColor), String.valueOf(m.staticOut),
                String.valueOf(m.retcodePassthrough), String.valueOf(m.verbose), String.valueOf(m.showJid),
                String.valueOf(m.stateFlags.stateOutput), String.valueOf(m.stateFlags.stateVerbose),
                String.valueOf(m.log.logLevel), m.target, m.fun, String.valueOf(m.words));
    }

    @Test
    void readsEveryCommonCommandLineAsPicocliDoes() {
        for (List<String> args : List.of(
                List.of("*", "test.ping"),
                List.of("-c", "/srv/jsalt", "*", "test.ping"),
                List.of("--config-dir=/srv/jsalt", "-t", "30", "*", "test.ping", "--out", "txt"),
                List.of("web*", "cmd.run", "ls -l /", "cwd=/tmp", "runas=nobody"),
                List.of("-L", "a,b", "test.echo", "", "x=y=z"),
                List.of("-E", "web[0-9]+", "test.ping", "--timeout=0"),
                List.of("-G", "os:Debian", "grains.items", "--output=json", "--out-indent", "2"),
                List.of("-P", "os:Deb.*", "test.ping", "--no-color", "-v"),
                List.of("-I", "role:db", "test.ping", "--force-colour", "--show-jid"),
                List.of("-J", "role:d.*", "test.ping", "--no-colour"),
                List.of("-S", "10.0.0.0/8", "test.ping", "--static", "--retcode-passthrough"),
                List.of("-C", "G@os:Debian and web*", "state.apply", "--state-output", "terse",
                        "--state-verbose", "False"),
                List.of("-N", "group", "state.apply", "web", "--state_output=changes", "--state_verbose=true"),
                List.of("--async", "*", "test.ping", "-l", "debug"),
                List.of("-b", "10%", "*", "test.ping", "--log-level=quiet"),
                List.of("--batch-size", "2", "*", "test.ping", "--verbose"),
                List.of("--batch=3", "*", "test.ping", "--output-indent=4"),
                List.of("*", "test.arg", "a", "--pcre", "b"),
                // a word, not a file to read: ./pom.xml is there when the tests run
                List.of("*", "test.echo", "@pom.xml"))) {
            readAlike(args.toArray(String[]::new));
        }
    }

    /** The command line is read without picocli, and as picocli reads it. */
    private static void readAlike(String... args) {
        String mine = fast(args);
        assertNotNull(mine, List.of(args).toString());
        assertEquals(picocli(args), mine, List.of(args).toString());
    }

    @Test
    void leavesEverythingElseToPicocli() {
        for (List<String> args : List.of(
                List.<String>of(), List.of("*"), List.of("-h"), List.of("--help"), List.of("-V"), List.of("--version"),
                List.of("*", "test.ping", "-c"), List.of("-c", "-t", "*", "test.ping"),
                List.of("--out=", "*", "test.ping"), List.of("-t", "x", "*", "test.ping"),
                List.of("-t", "010", "*", "test.ping"), List.of("-t", "99999999999", "*", "test.ping"),
                List.of("--state-verbose", "maybe", "*", "state.apply"),
                List.of("-c", "a", "-c", "b", "*", "test.ping"), List.of("-L", "--list", "a", "test.ping"),
                List.of("--no-color", "--no-colour", "*", "test.ping"), List.of("-v", "-v", "*", "test.ping"),
                List.of("-t30", "*", "test.ping"), List.of("-Lv", "a", "test.ping"),
                List.of("--", "*", "test.ping"), List.of("*", "test.arg", "-1"), List.of("-", "test.ping"),
                List.of("--unknown", "*", "test.ping"), List.of("-x", "*", "test.ping"))) {
            assertNull(fast(args.toArray(String[]::new)), args.toString());
        }
    }

    @Test
    void theDefaultLogLevelSetsNoLoggingUp() {
        for (String level : new String[] {null, "warning", "WARNING", "warn"}) {
            assertEquals(true, JsaltMain.isDefaultLogLevel(level), level);
        }
        for (String level : new String[] {"debug", "quiet", "error", "bogus"}) {
            assertEquals(false, JsaltMain.isDefaultLogLevel(level), level);
        }
    }
}
