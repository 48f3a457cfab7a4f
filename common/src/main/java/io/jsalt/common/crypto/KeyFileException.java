package io.jsalt.common.crypto;

import java.io.IOException;
import java.nio.file.Path;

/** A key, public key or certificate file that cannot be read or does not hold what it should. */
public final class KeyFileException extends IOException {
    private final transient Path path;

    public KeyFileException(Path path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path;
    }

    public KeyFileException(Path path, String problem) {
        this(path, problem, null);
    }

    public Path path() {
        return path;
    }
}
