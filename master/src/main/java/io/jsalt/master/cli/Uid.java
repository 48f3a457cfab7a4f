package io.jsalt.master.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's real uid, read from /proc (no JNI, no internal JDK classes). */
final class Uid {
    private Uid() {}

    static long current() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read own uid from /proc/self/status", e);
        }
        throw new IllegalStateException("no Uid line in /proc/self/status");
    }
}
