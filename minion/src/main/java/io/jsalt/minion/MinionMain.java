package io.jsalt.minion;

import io.jsalt.common.Logs;
import io.jsalt.common.config.Config;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jsalt-minion}: runs the minion in the foreground (the launcher handles -d). */
@Command(name = "jsalt-minion", mixinStandardHelpOptions = true, version = io.jsalt.common.Version.VERSION,
        description = "The jsalt minion daemon.")
public final class MinionMain implements Callable<Integer> {
    @Option(names = {"-c", "--config-dir"}, defaultValue = "/etc/jsalt",
            description = "Directory holding the 'minion' config file (default: ${DEFAULT-VALUE}).")
    Path configDir;

    @Option(names = {"-l", "--log-level"}, description = "Console log level (default: warning).")
    String logLevel;

    @Option(names = {"-d", "--daemon"}, description = "Run in the background (handled by the launcher script).")
    boolean daemon;

    @Override
    public Integer call() throws Exception {
        Config config = Config.load(Config.Role.MINION, configDir);
        Logs.setup(logLevel != null ? logLevel : (daemon ? "quiet" : "warning"), config.path("log_file"),
                config.str("log_level"), !daemon);
        Minion minion = new Minion(config).start();
        io.jsalt.common.PidFile.write(config.path("pidfile"));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            minion.close();
            stop.countDown();
        }, "jsalt-shutdown"));
        stop.await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(io.jsalt.common.cli.Commands.run(new MinionMain(), args));
    }
}
