package io.jsalt.minion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MinionMainTest {
    /** What picocli makes of a command line, as "configDir|logLevel|daemon", or its error. */
    private static String picocli(String... args) {
        MinionMain m = new MinionMain();
        try {
            new CommandLine(m).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return "error";
        }
        return m.daemon.config.configDir + "|" + m.daemon.log.logLevel + "|" + m.daemon.daemon;
    }

    private static String fast(String... args) {
        MinionMain m = MinionMain.parseStart(args);
        return m == null ? null : m.daemon.config.configDir + "|" + m.daemon.log.logLevel + "|" + m.daemon.daemon;
    }

    @Test
    void readsEveryBootCommandLineAsPicocliDoes() {
        for (List<String> args : List.of(
                List.<String>of(),
                List.of("-d"),
                List.of("--daemon"),
                List.of("-c", "/srv/jsalt"),
                List.of("--config-dir", "/srv/jsalt", "-d"),
                List.of("--config-dir=/srv/jsalt"),
                List.of("-d", "-l", "debug", "-c", "etc"),
                List.of("--log-level=info", "--daemon"),
                List.of("-c", "/etc/jsalt=x"))) {
            String[] a = args.toArray(String[]::new);
            assertNotNull(fast(a), args.toString());
            assertEquals(picocli(a), fast(a), args.toString());
        }
    }

    @Test
    void leavesEverythingElseToPicocli() {
        for (List<String> args : List.of(
                List.of("-h"), List.of("--help"), List.of("-V"), List.of("--version"),
                List.of("-c"), List.of("-c", "-d"), List.of("-l"), List.of("--config-dir="),
                List.of("-c", "a", "-c", "b"), List.of("-d", "--daemon"), List.of("-l", "info", "-l", "debug"),
                List.of("-cetc"), List.of("-dc", "etc"), List.of("stray"), List.of("--", "-d"),
                List.of("--unknown", "x"), List.of("-x"))) {
            assertNull(fast(args.toArray(String[]::new)), args.toString());
        }
    }
}
