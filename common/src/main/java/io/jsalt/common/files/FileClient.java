package io.jsalt.common.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How a minion reaches files under salt:// (the master's file server, or local file_roots
 * when masterless). Available to plugins as a service: {@code ctx.service(FileClient.class)}.
 */
public interface FileClient {
    /**
     * Makes sure the file is in the minion's cache (fetching only when its hash changed) and
     * returns the cached path; empty when the master has no such file.
     */
    Optional<Path> cacheFile(String saltUrl, String saltenv);

    /**
     * The file's text, or empty when it does not exist: the cached copy read as UTF-8, which
     * is what every client means by it.
     */
    default Optional<String> readText(String saltUrl, String saltenv) {
        return cacheFile(saltUrl, saltenv).map(p -> {
            try {
                return Files.readString(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * The file's permission bits on the file server as four octal digits ("0755"), or empty when
     * there is no such file: what file.recurse's {@code file_mode: keep} gives the copies (Salt's
     * cp.stat_file). This default reads the cached file, which is the original for local roots.
     */
    default Optional<String> mode(String saltUrl, String saltenv) {
        return cacheFile(saltUrl, saltenv).map(FileClient::modeOf);
    }

    /** A file's permission bits as four octal digits. */
    static String modeOf(Path p) {
        try {
            int m = (Integer) Files.getAttribute(p, "unix:mode") & 07777;
            return String.format("%04o", m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** sha256 hex of the file on the master, or empty. */
    Optional<String> hash(String saltUrl, String saltenv);

    /** Every file path in the saltenv (cp.list_master). */
    List<String> listFiles(String saltenv);

    /** Every directory path in the saltenv (cp.list_master_dirs). */
    List<String> listDirs(String saltenv);
}
