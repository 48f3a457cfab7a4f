package io.jsalt.common.cli;

import io.jsalt.common.Logs;
import io.jsalt.common.config.Config;
import io.jsalt.common.crypto.SecureFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * The daemons' {@code -d/--daemon} flag and the logging start that depends on it, shared by
 * jsalt-master and jsalt-minion: a picocli mixin, so both declare and start it alike.
 */
public final class DaemonFlag {
    @Option(names = {"-d", "--daemon"}, description = "Run in the background (handled by the launcher script).")
    public boolean daemon;

    /**
     * Starts a daemon's logging: the log file made private first, the console quiet in the
     * background and at warning in the foreground unless {@code -l} says otherwise, then the
     * config's notes about its options logged under the daemon's name.
     */
    public void startLogging(String consoleLevel, Path logFile, String fileLevel, Config config,
            Class<?> daemonClass) throws IOException {
        if (logFile != null) {
            SecureFiles.privateLogFile(logFile);
        }
        Logs.setup(consoleLevel != null ? consoleLevel : (daemon ? "quiet" : "warning"), logFile, fileLevel, !daemon);
        config.logOptionNotes(LoggerFactory.getLogger(daemonClass));
    }
}
