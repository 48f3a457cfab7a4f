package io.jsalt.common.cli;

import io.jsalt.common.Logs;
import io.jsalt.common.config.Config;
import io.jsalt.common.crypto.SecureFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options jsalt-master and jsalt-minion share ({@code -c}, {@code -l}, {@code -d}) and the
 * logging start that depends on them: a picocli mixin, so both daemons declare and start alike.
 */
public final class DaemonOptions {
    @Mixin
    public ConfigDirOption config = new ConfigDirOption();

    @Mixin
    public LogLevelOption log = new LogLevelOption();

    @Option(names = {"-d", "--daemon"}, description = "Run in the background (handled by the launcher script).")
    public boolean daemon;

    /** The daemon's config file in the chosen directory. */
    public Config load(Config.Role role) {
        return config.load(role);
    }

    /**
     * Starts a daemon's logging: the log file made private first, the console quiet in the
     * background and at warning in the foreground unless {@code -l} says otherwise, then the
     * config's notes about its options logged under the daemon's name.
     */
    public void startLogging(Path logFile, String fileLevel, Config loaded, Class<?> daemonClass) throws IOException {
        if (logFile != null) {
            SecureFiles.privateLogFile(logFile);
        }
        String console = log.logLevel != null ? log.logLevel : (daemon ? "quiet" : "warning");
        Logs.setup(console, logFile, fileLevel, !daemon);
        loaded.logOptionNotes(LoggerFactory.getLogger(daemonClass));
    }

    /**
     * With {@code -d}, tells the launcher that started this daemon that it is up (it waits
     * for the file {@code JSALT_START_NOTICE} names, or for the daemon to exit): {@code what}
     * is what it prints after "started (pid N" ("listening on 10.0.0.1:4506"), may be empty.
     */
    public void started(String what) {
        String notice = System.getenv("JSALT_START_NOTICE");
        if (!daemon || notice == null || notice.isEmpty()) {
            return;
        }
        Path file = Path.of(notice);
        Path tmp = Path.of(notice + ".tmp");
        try {
            // Whole or not at all: the launcher may read it the moment it exists.
            java.nio.file.Files.writeString(tmp, what);
            java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LoggerFactory.getLogger(DaemonOptions.class).warn("Cannot tell the launcher this daemon is up ({}): {}",
                    notice, e.getMessage());
        }
    }
}
