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
}
