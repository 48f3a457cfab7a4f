package io.jsalt.minion;

import io.jsalt.common.Logs;
import io.jsalt.common.config.Config;
import io.jsalt.common.crypto.SecureFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
    static final String DEFAULT_CONFIG_DIR = "/etc/jsalt";

    @Option(names = {"-c", "--config-dir"}, defaultValue = DEFAULT_CONFIG_DIR,
            description = "Directory holding the 'minion' config file (default: ${DEFAULT-VALUE}).")
    Path configDir;

    @Option(names = {"-l", "--log-level"}, description = "Console log level (default: warning).")
    String logLevel;

    @Option(names = {"-d", "--daemon"}, description = "Run in the background (handled by the launcher script).")
    boolean daemon;

    @Override
    public Integer call() throws Exception {
        Config config = Config.load(Config.Role.MINION, configDir);
        MinionOptions options = MinionOptions.from(config);
        if (options.logFile() != null) {
            SecureFiles.privateLogFile(options.logFile());
        }
        Logs.setup(logLevel != null ? logLevel : (daemon ? "quiet" : "warning"), options.logFile(),
                options.logLevel(), !daemon);
        config.logOptionNotes(org.slf4j.LoggerFactory.getLogger(MinionMain.class));
        Minion minion = new Minion(config).start();
        io.jsalt.common.PidFile.write(options.pidfile());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            minion.close();
            stop.countDown();
        }, "jsalt-shutdown"));
        stop.await();
        return 0;
    }

    /**
     * Reads a command line made only of {@code -c DIR}, {@code --config-dir DIR|=DIR},
     * {@code -l LEVEL}, {@code --log-level LEVEL|=LEVEL}, {@code -d} and {@code --daemon}
     * (a value may not start with "-"). Null for anything else, which is left to picocli.
     */
    static MinionMain parseStart(String[] args) {
        MinionMain m = new MinionMain();
        String config = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-d") || a.equals("--daemon")) {
                if (m.daemon) {
                    return null; // picocli: "should be specified only once"
                }
                m.daemon = true;
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
                    if (config != null) {
                        return null;
                    }
                    config = value;
                }
                case "-l", "--log-level" -> {
                    if (m.logLevel != null) {
                        return null;
                    }
                    m.logLevel = value;
                }
                default -> {
                    return null;
                }
            }
        }
        m.configDir = Path.of(config != null ? config : DEFAULT_CONFIG_DIR);
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
