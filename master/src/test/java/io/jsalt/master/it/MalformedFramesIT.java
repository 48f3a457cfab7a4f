package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.crypto.KeyMaterial;
import io.jsalt.common.proto.Envelope;
import io.jsalt.common.proto.Heartbeat;
import io.jsalt.master.transport.FuzzCases;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two thousand malformed frames before authentication and two thousand after, over real
 * TLS to a real master with honest minions connected: each closes at most its own
 * connection, the honest minions keep answering, and the master's heap does not grow
 * with the number of frames. The cases are {@link FuzzCases}, the same the in-memory
 * fuzz uses; the seed is fixed so a failure replays.
 */
class MalformedFramesIT extends FleetCase {
    private static final int CASES = 2_000;
    /** Cases that may leave the master waiting for the rest of a frame rather than closing at once. */
    private static final Set<String> MAY_WAIT = Set.of("truncated", "garbage");
    /** Cases no session may survive: bad lengths, an empty body, a master's message, a second Hello. */
    private static final Set<String> MUST_CLOSE = Set.of("huge-length", "negative-length", "empty-frame",
            "master-only", "deep");

    @BeforeEach
    void start() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> { });
        fleet.acceptedMinion("honest1", Map.of());
        fleet.acceptedMinion("honest2", Map.of());
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void assertHeapBounded(long before) throws InterruptedException {
        long growth = usedHeapAfterGc() - before;
        assertTrue(growth < 64L << 20, "heap grew by " + (growth >> 20) + " MiB over " + CASES + " frames");
    }

    @Test
    void twoThousandMalformedFramesBeforeAuthenticationCloseOnlyTheirOwnConnections() throws Exception {
        int port = fleet.master().port();
        long before = usedHeapAfterGc();
        FuzzCases gen = new FuzzCases(424242L, "honest1");
        List<FuzzCases.Case> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            cases.add(gen.next());
        }
        KeyMaterial key = KeyMaterial.generate("fuzzer");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int i = first; i < CASES; i += 4) {
                        FuzzCases.Case c = cases.get(i);
                        try (Adversary a = Adversary.connect(port, key)) {
                            assertTrue(a.handshakeSucceeded(), "case " + i + ": " + a.handshakeFailure());
                            a.sendRaw(c.wire());
                            if (!MAY_WAIT.contains(c.kind())) {
                                assertTrue(a.closedByMaster(), "case " + i + " (" + c.kind() + ") left open");
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of("honest1", "honest2"), fleet.master().minions().connectedIds().stream().sorted().toList());
        AttackIT.assertHonestMinionsAnswer(fleet);
        assertHeapBounded(before);
    }

    @Test
    void twoThousandMalformedFramesAfterAuthenticationCloseOnlyTheirOwnSessions() throws Exception {
        long before = usedHeapAfterGc();
        FuzzCases gen = new FuzzCases(171717L, "steady");
        KeyMaterial breakerKey = KeyMaterial.generate("breaker");
        Adversary.accepted(fleet, "breaker", breakerKey).close();
        int closed = 0;
        try (Adversary steady = Adversary.accepted(fleet, "steady", KeyMaterial.generate("steady"))) {
            for (int i = 0; i < CASES; i++) {
                if (i % 2 == 0) {
                    // Well-framed hostile messages share one session, which must survive them all.
                    steady.sendRaw(gen.sessionCase().wire());
                    assertTrue(steady.isOpen(), "case " + i + ": a well-framed message closed the session");
                    continue;
                }
                FuzzCases.Case c = gen.next();
                Adversary.awaitSessionGone(fleet, "breaker");
                try (Adversary a = Adversary.connect(fleet.master().port(), breakerKey)) {
                    a.send(Adversary.helloMsg("breaker"));
                    a.sendRaw(c.wire());
                    if (MUST_CLOSE.contains(c.kind())) {
                        assertTrue(a.closedByMaster(), "case " + i + " (" + c.kind() + ") left the session open");
                        closed++;
                    }
                }
            }
            assertTrue(closed > CASES / 8, "malformed frames that must close their session: " + closed);
            steady.send(Envelope.newBuilder().setId(4242).setHeartbeat(Heartbeat.getDefaultInstance()).build());
            Envelope beat = null;
            for (Envelope e = steady.next(); e != null; e = steady.next()) {
                if (e.getReplyTo() == 4242) {
                    beat = e;
                    break;
                }
            }
            assertTrue(beat != null && beat.hasHeartbeat(), "the steady session still answers");
        }
        AttackIT.assertHonestMinionsAnswer(fleet);
        assertHeapBounded(before);
    }
}
