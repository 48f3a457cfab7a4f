package io.jsalt.master.cli;

import io.jsalt.common.proto.KeyRequest;
import io.jsalt.master.keys.KeyOperations;

/**
 * {@code jsalt-key} through the running master, so rejecting or deleting a key cuts that
 * minion's connection at once (the key directory's listeners do it).
 */
final class KeyOp implements CliHandler.Op<KeyRequest> {
    private final KeyOperations keys;

    KeyOp(KeyOperations keys) {
        this.keys = keys;
    }

    @Override
    public void run(KeyRequest req, CliHandler.Replies replies) throws Exception {
        replies.last(KeyActions.run(keys, req), 0);
    }
}
