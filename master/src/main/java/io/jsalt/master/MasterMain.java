package io.jsalt.master;

import io.jsalt.common.Logs;
import io.jsalt.common.config.Config;
import io.jsalt.common.crypto.SecureFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code jsalt-master}: runs the master in the foreground (the launcher handles -d). */
@Command(name = "jsalt-master", mixinStandardHelpOptions = true, version = io.jsalt.common.Version.VERSION,
        description = "The jsalt master daemon.")
public final class MasterMain implements Callable<Integer> {
    @Option(names = {"-c", "--config-dir"}, defaultValue = "/etc/jsalt",
            description = "Directory holding the 'master' config file (default: ${DEFAULT-VALUE}).")
    Path configDir;

    @Option(names = {"-l", "--log-level"}, description = "Console log level (default: warning).")
    String logLevel;

    @Option(names = {"--log-file-level"}, description = "Log file level (default: log_level from the config).")
    String logFileLevel;

    @Option(names = {"-d", "--daemon"}, description = "Run in the background (handled by the launcher script).")
    boolean daemon;

    @Override
    public Integer call() throws Exception {
        Config config = Config.load(Config.Role.MASTER, configDir);
        String level = logFileLevel != null ? logFileLevel : config.str("log_level");
        if (config.path("log_file") != null) {
            SecureFiles.privateLogFile(config.path("log_file"));
        }
        Logs.setup(logLevel != null ? logLevel : (daemon ? "quiet" : "warning"), config.path("log_file"), level, !daemon);
        Master master = new Master(config).start();
        io.jsalt.common.PidFile.write(config.path("pidfile"));
        Runtime.getRuntime().addShutdownHook(new Thread(master::close, "jsalt-shutdown"));
        master.awaitTermination();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(io.jsalt.common.cli.Commands.run(new MasterMain(), args));
    }
}
