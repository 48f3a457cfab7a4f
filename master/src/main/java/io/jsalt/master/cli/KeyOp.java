package io.jsalt.master.cli;

import io.jsalt.master.keys.KeyOperations;
import java.util.Map;

/**
 * {@code jsalt-key} through the running master, so rejecting or deleting a key cuts that
 * minion's connection at once (the key directory's listeners do it).
 */
final class KeyOp implements CliHandler.Op {
    private final KeyOperations keys;

    KeyOp(KeyOperations keys) {
        this.keys = keys;
    }

    @Override
    public void run(Map<String, Object> args, CliHandler.Replies replies) throws Exception {
        replies.last(KeyActions.run(keys, args), 0);
    }
}
