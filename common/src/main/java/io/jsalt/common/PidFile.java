package io.jsalt.common;

import io.jsalt.common.crypto.SecureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the daemon's pid file (Salt's {@code pidfile} option) and removes it on exit. */
public final class PidFile {
    private PidFile() {}

    public static void write(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            SecureFiles.writeAtomically(file, ProcessHandle.current().pid() + "\n",
                    SecureFiles.PRIVATE);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // Nothing more to do while exiting.
                }
            }, "jsalt-pidfile"));
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(PidFile.class).warn("Cannot write pid file {}: {}", file, e.getMessage());
        }
    }
}
