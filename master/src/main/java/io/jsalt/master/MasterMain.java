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
        Master master = new Master(config);
        MasterOptions options = master.options();
        String level = logFileLevel != null ? logFileLevel : options.logLevel();
        if (options.logFile() != null) {
            SecureFiles.privateLogFile(options.logFile());
        }
        Logs.setup(logLevel != null ? logLevel : (daemon ? "quiet" : "warning"), options.logFile(), level, !daemon);
        config.logOptionNotes(org.slf4j.LoggerFactory.getLogger(MasterMain.class));
        master.start();
        io.jsalt.common.PidFile.write(options.pidfile());
        Runtime.getRuntime().addShutdownHook(new Thread(master::close, "jsalt-shutdown"));
        master.awaitTermination();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(io.jsalt.common.cli.Commands.run(new MasterMain(), args));
    }
}
