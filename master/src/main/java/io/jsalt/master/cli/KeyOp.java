package io.jsalt.master.cli;

import io.jsalt.common.proto.KeyRequest;
import io.jsalt.master.keys.KeyChange;
import io.jsalt.master.keys.KeyOperations;
import io.jsalt.master.keys.KeyState;
import io.jsalt.master.transport.PendingPeers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code jsalt-key} through the running master, so rejecting or deleting a key cuts that
 * minion's connection at once (the key directory's listeners do it), and accepting a key
 * reaches a pending minion at once (see {@link PendingPeers}).
 */
final class KeyOp implements CliHandler.Op<KeyRequest> {
    /** How long an accept waits for the minions it woke to be ready for jobs. */
    static final long READY_WAIT_MS = 5_000;

    private final KeyOperations keys;
    private final PendingPeers pending;

    KeyOp(KeyOperations keys, PendingPeers pending) {
        this.keys = keys;
        this.pending = pending;
    }

    @Override
    public void run(KeyRequest req, CliHandler.Replies replies) throws Exception {
        Map<String, Object> out = KeyActions.run(keys, req);
        if (req.getAction() == KeyRequest.Action.ACCEPT && pending != null) {
            // Accepting woke the minions whose pending connection the master held: answer
            // once they are ready, so the operator's next command reaches them.
            List<String> ids = new ArrayList<>();
            for (KeyChange c : KeyActions.changesFromData(out.get("changes"))) {
                if (c.to() == KeyState.ACCEPTED) {
                    ids.add(c.id());
                }
            }
            pending.awaitSessions(ids, READY_WAIT_MS);
        }
        replies.last(out, 0);
    }
}
