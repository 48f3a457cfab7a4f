package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.master.keys.KeyState;
import io.jsalt.minion.Minion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sockets that connect and say nothing, before any TLS, cannot keep a minion from its
 * handshake. Salt bounds the connections waiting on its master's ports with the listen
 * backlog (zmq_backlog, default 1000, salt/config/__init__.py); jsalt accepts every
 * connection at once, so it bounds and expires the ones that wait itself.
 */
class HandshakeQueueIT {
    /** The master's deadline for a ClientHello (ClientHelloWait.DEADLINE_MS), plus a margin. */
    private static final Duration SILENT_CLOSED_WITHIN = Duration.ofSeconds(15);

    @TempDir
    Path tmp;

    private TestFleet fleet;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> { });
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        fleet.close();
    }

    /** Opens n TCP connections from 127.0.0.2 to the master that never send a byte. */
    private List<Socket> silentSockets(int n) throws IOException {
        List<Socket> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Socket s = new Socket();
            s.bind(new InetSocketAddress("127.0.0.2", 0));
            s.connect(new InetSocketAddress("127.0.0.1", fleet.master().port()), 2000);
            out.add(s);
        }
        sockets.addAll(out);
        return out;
    }

    /** Whether the master closed the socket (end of stream or reset) before the deadline. */
    private static boolean closedByMaster(Socket s, long deadlineNanos) throws IOException {
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            return false;
        }
        s.setSoTimeout((int) left);
        try {
            return s.getInputStream().read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    @Test
    void aMinionAuthenticatesWithinSecondsWhileAnotherAddressFloodsTheMasterWithSilentSockets() throws Exception {
        List<Socket> silent = new ArrayList<>(silentSockets(128));
        long t0 = System.nanoTime();
        Minion honest = fleet.startMinion("honest", Map.of());
        silent.addAll(silentSockets(64));
        TestFleet.await(() -> fleet.master().keys().list().get(KeyState.PENDING).contains("honest"),
                "the honest minion's key pending", Duration.ofSeconds(5));
        fleet.master().keys().accept("honest", false, false);
        TestFleet.await(() -> honest.connection().isAccepted()
                        && fleet.master().minions().connectedIds().contains("honest"),
                "the honest minion connected", Duration.ofSeconds(5));
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(tookMs < 8_000, "two handshakes and a key acceptance took " + tookMs + " ms");

        long deadline = System.nanoTime() + SILENT_CLOSED_WITHIN.toNanos();
        int closed = 0;
        for (Socket s : silent) {
            if (closedByMaster(s, deadline)) {
                closed++;
            }
        }
        assertEquals(silent.size(), closed, "every silent socket is closed by the master within "
                + SILENT_CLOSED_WITHIN.toSeconds() + " s");
        // The socket closes before the gate's own bookkeeping runs on the event loop.
        TestFleet.await(() -> fleet.master().handshakeGate().waiting() == 0, "the silent sockets left the queue",
                Duration.ofSeconds(5));
    }
}
