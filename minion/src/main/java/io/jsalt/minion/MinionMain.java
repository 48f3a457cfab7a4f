package io.jsalt.minion;

import io.jsalt.common.Shutdown;
import io.jsalt.common.cli.ConfigDirOption;
import io.jsalt.common.cli.DaemonOptions;
import io.jsalt.common.config.Config;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code jsalt-minion}: runs the minion in the foreground (the launcher handles -d).
 *
 * <p>The options are declared for picocli, which prints the help, the version and the error
 * for anything it does not accept. A start with nothing but well-formed {@code -c}, {@code -l}
 * and {@code -d} (every boot) is read by {@link #parseStart} instead: picocli's classes,
 * once loaded, stay for the minion's life (almost 2 MB of an idle minion, docs/performance.md).
 * MinionMainTest checks that both read every such command line alike.
 */
@Command(name = "jsalt-minion", mixinStandardHelpOptions = true, version = io.jsalt.common.Version.VERSION,
        description = "The jsalt minion daemon.")
public final class MinionMain implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon = new DaemonOptions();

    @Override
    public Integer call() throws Exception {
        Config loaded = daemon.load(Config.Role.MINION);
        MinionOptions options = MinionOptions.from(loaded);
        daemon.startLogging(options.logFile(), options.logLevel(), loaded, MinionMain.class);
        Minion minion = new Minion(loaded).start();
        io.jsalt.common.PidFile.write(options.pidfile());
        daemon.started("");
        Shutdown.awaitExit(minion, "jsalt-shutdown");
        return 0;
    }

    /**
     * Reads a command line made only of {@code -c DIR}, {@code --config-dir DIR|=DIR},
     * {@code -l LEVEL}, {@code --log-level LEVEL|=LEVEL}, {@code -d} and {@code --daemon}
     * (a value may not start with "-"). Null for anything else, which is left to picocli.
     */
    static MinionMain parseStart(String[] args) {
        MinionMain m = new MinionMain();
        String configDir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-d") || a.equals("--daemon")) {
                if (m.daemon.daemon) {
                    return null; // picocli: "should be specified only once"
                }
                m.daemon.daemon = true;
                continue;
            }
            String name = a;
            String value = null;
            if (a.startsWith("--") && a.indexOf('=') > 0) {
                name = a.substring(0, a.indexOf('='));
                value = a.substring(a.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            }
            if (value == null || value.isEmpty() || value.startsWith("-")) {
                return null;
            }
            switch (name) {
                case "-c", "--config-dir" -> {
                    if (configDir != null) {
                        return null;
                    }
                    configDir = value;
                }
                case "-l", "--log-level" -> {
                    if (m.daemon.log.logLevel != null) {
                        return null;
                    }
                    m.daemon.log.logLevel = value;
                }
                default -> {
                    return null;
                }
            }
        }
        m.daemon.config.configDir = Path.of(configDir != null ? configDir : ConfigDirOption.DEFAULT);
        return m;
    }

    public static void main(String[] args) throws Exception {
        MinionMain start = parseStart(args);
        if (start != null) {
            int rc;
            try {
                rc = start.call();
            } catch (Exception e) {
                rc = io.jsalt.common.cli.Commands.handle(e, new java.io.PrintWriter(System.err, true));
            }
            System.exit(rc);
        }
        System.exit(io.jsalt.common.cli.Commands.run(new MinionMain(), args));
    }
}
