package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jsalt.common.TestFiles;
import io.jsalt.common.crypto.KeyMaterial;
import io.jsalt.common.proto.KeyStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * An end-to-end test that starts a {@link TestFleet} in its own temporary directory: the
 * fleet a case started is always stopped, {@link #cli()} talks to its control socket, and
 * {@link #peer} / {@link #acceptedPeer} speak the wire protocol to its master directly.
 */
abstract class FleetCase {
    @TempDir
    Path tmp;

    TestFleet fleet;

    @AfterEach
    void stop() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
    }

    Cli cli() {
        return new Cli(fleet.sockDir());
    }

    /** One minion's return value of a function published to it through the CLI. */
    Object call(String id, String fun, List<Object> args) throws Exception {
        return cli().publish(id, "glob", fun, args, Map.of(), 10).returns().get(id);
    }

    /** The return event of one minion in a CLI run's event stream. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> ret(Cli.Run run, String id) {
        for (Map<String, Object> e : run.events()) {
            if ("return".equals(e.get("event")) && id.equals(e.get("id"))) {
                return (Map<String, Object>) e.get("ret");
            }
        }
        throw new AssertionError("no return from " + id + ": " + run.events());
    }

    /** Writes a file below a root (file_roots, pillar_roots), making its directories. */
    static void write(Path root, String rel, String text) throws IOException {
        TestFiles.write(root, rel, text);
    }

    /** A raw connection to the master with the given key, in a fresh PKI directory. */
    RawPeer peer(KeyMaterial key) throws Exception {
        return new RawPeer().connect(fleet.master().port(), key, tmp.resolve("peer-pki-" + System.nanoTime()));
    }

    /** Connects as an accepted minion with the given key: pending first, then accepted. */
    RawPeer acceptedPeer(String id, KeyMaterial key) throws Exception {
        try (RawPeer first = peer(key)) {
            first.send(RawPeer.hello(id));
            assertEquals(KeyStatus.PENDING, first.next().getHelloAck().getStatus());
        }
        fleet.master().keys().accept(id, false, false);
        RawPeer p = peer(key);
        p.send(RawPeer.hello(id));
        assertEquals(KeyStatus.ACCEPTED, p.next().getHelloAck().getStatus());
        return p;
    }
}
