package io.jsalt.minion.files;

import io.jsalt.common.files.FileRoots;

/**
 * The state tree as the renderer reads it: local file_roots when masterless, otherwise the
 * minion's cache of the master's file server, brought up to date (by hash) first.
 * Available to modules as a service: {@code ctx.service(StateFiles.class)}.
 */
public interface StateFiles {
    /** Roots holding the current SLS and template files of every saltenv. */
    FileRoots stateRoots();

    /**
     * These files fetched at most once: what one state run reads, so its SLS files and every
     * file template it renders see one tree and cost the master one sync, not one per template.
     */
    static StateFiles once(StateFiles files) {
        return new StateFiles() {
            private FileRoots roots;

            @Override
            public synchronized FileRoots stateRoots() {
                if (roots == null) {
                    roots = files.stateRoots();
                }
                return roots;
            }
        };
    }
}
