package io.jsalt.common.files;

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

    /** The file's text, or empty when it does not exist. */
    Optional<String> readText(String saltUrl, String saltenv);

    /** sha256 hex of the file on the master, or empty. */
    Optional<String> hash(String saltUrl, String saltenv);

    /** Every file path in the saltenv (cp.list_master). */
    List<String> listFiles(String saltenv);

    /** Every directory path in the saltenv (cp.list_master_dirs). */
    List<String> listDirs(String saltenv);
}
