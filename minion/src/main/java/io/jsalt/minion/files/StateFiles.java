package io.jsalt.minion.files;

import io.jsalt.common.files.FileRoots;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The state tree as the renderer reads it: local file_roots when masterless, otherwise the
 * minion's cache of the master's file server, brought up to date (by hash) first.
 * Available to modules as a service: {@code ctx.service(StateFiles.class)}.
 */
public interface StateFiles {
    /** Roots holding the current SLS and template files of every saltenv. */
    default FileRoots stateRoots() {
        return listing().roots();
    }

    /** The state tree's roots, brought up to date, and the hash of every file the master listed. */
    Listing listing();

    /**
     * The cached copy of a file the master listed with {@code hash}, fetched only if the copy
     * has another hash; empty where files are not cached (local roots).
     */
    default Optional<Path> cachedAs(String saltenv, String relPath, String hash) {
        return Optional.empty();
    }

    /**
     * The cached copy of a file of the tree this state run listed, by the hash the master
     * gave in that listing; empty when the run has not listed the tree or the file is not in
     * it (then ask the master, {@link io.jsalt.common.files.FileClient#cacheFile}).
     */
    default Optional<Path> listedFile(String saltenv, String relPath) {
        return Optional.empty();
    }

    /**
     * One listing of the state tree: its roots, and the master's sha256 of each of its files by
     * saltenv and path (empty for local roots).
     */
    record Listing(FileRoots roots, Map<String, Map<String, String>> hashes) { }

    /**
     * These files fetched at most once: what one state run reads, so its SLS files and every
     * file template it renders see one tree and cost the master one sync, not one per template.
     * A file.managed source of that tree is taken by the hash the listing gave it, without
     * asking the master for the file's hash again.
     */
    static StateFiles once(StateFiles files) {
        return new StateFiles() {
            private Listing listing;

            @Override
            public synchronized Listing listing() {
                if (listing == null) {
                    listing = files.listing();
                }
                return listing;
            }

            @Override
            public Optional<Path> cachedAs(String saltenv, String relPath, String hash) {
                return files.cachedAs(saltenv, relPath, hash);
            }

            @Override
            public Optional<Path> listedFile(String saltenv, String relPath) {
                Listing l;
                synchronized (this) {
                    l = listing;
                }
                String hash = l == null ? null : l.hashes().getOrDefault(saltenv, Map.of()).get(relPath);
                return hash == null ? Optional.empty() : files.cachedAs(saltenv, relPath, hash);
            }
        };
    }
}
