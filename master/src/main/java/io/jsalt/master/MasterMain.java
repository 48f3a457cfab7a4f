package io.jsalt.master;

import io.jsalt.common.cli.DaemonOptions;
import io.jsalt.common.config.Config;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jsalt-master}: runs the master in the foreground (the launcher handles -d). */
@Command(name = "jsalt-master", mixinStandardHelpOptions = true, version = io.jsalt.common.Version.VERSION,
        description = "The jsalt master daemon.")
public final class MasterMain implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon = new DaemonOptions();

    @Option(names = {"--log-file-level"}, description = "Log file level (default: log_level from the config).")
    String logFileLevel;

    @Override
    public Integer call() throws Exception {
        Config loaded = daemon.load(Config.Role.MASTER);
        Master master = new Master(loaded);
        MasterOptions options = master.options();
        String level = logFileLevel != null ? logFileLevel : options.logLevel();
        daemon.startLogging(options.logFile(), level, loaded, MasterMain.class);
        master.start();
        io.jsalt.common.PidFile.write(options.pidfile());
        daemon.started("listening on " + master.listening());
        Runtime.getRuntime().addShutdownHook(new Thread(master::close, "jsalt-shutdown"));
        master.awaitTermination();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(io.jsalt.common.cli.Commands.run(new MasterMain(), args));
    }
}
