package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.jsalt.common.crypto.KeyMaterial;
import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Envelope;
import io.jsalt.common.proto.Hello;
import io.jsalt.common.proto.KeyStatus;
import io.jsalt.common.proto.Request;
import io.jsalt.master.transport.SessionHandler;
import io.jsalt.minion.Minion;
import io.netty.channel.Channel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes with the same id and key: the second is a denied duplicate while the first
 * answers, instead of the two replacing each other about once a second. A first connection
 * that no longer answers (half-dead after a network blip) gives way.
 */
class DuplicateMinionIT {
    @TempDir
    Path tmp;

    private TestFleet fleet;
    private LogCapture sessionLog;

    @BeforeEach
    void start() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> { });
        sessionLog = LogCapture.of(SessionHandler.class, Level.INFO);
    }

    @AfterEach
    void stop() throws Exception {
        sessionLog.close();
        fleet.close();
    }

    private long connects() {
        return sessionLog.messages(Level.INFO).stream().filter(m -> m.startsWith("Minion web1 connected")).count();
    }

    @Test
    void aSecondProcessWithTheSameKeyIsRefusedAndTheFirstKeepsItsConnection() throws Exception {
        Minion first = fleet.acceptedMinion("web1", Map.of());
        Channel firstChannel = fleet.master().minions().get("web1").channel();
        long before = connects();
        // Same id, same root_dir, so the same pki_dir and key.
        Minion second = fleet.startMinion("web1", Map.of());
        TestFleet.await(() -> sessionLog.messages(Level.WARN).stream().anyMatch(m -> m.contains("duplicate")),
                "a WARNING about the duplicate");
        Thread.sleep(3_000);

        assertEquals(before, connects(), "no reconnect flapping");
        assertSame(firstChannel, fleet.master().minions().get("web1").channel(), "the first keeps its connection");
        assertTrue(first.connection().isAccepted());
        assertFalse(second.connection().isAccepted());
        assertEquals(KeyStatus.DENIED, second.connection().lastStatus());
        assertEquals(Map.of("web1", true), new Cli(fleet.sockDir()).ping("web1", "glob").returns());
    }

    @Test
    void aMinionWhoseOldConnectionIsHalfDeadGetsBackIn() throws Exception {
        Minion m = fleet.acceptedMinion("web1", Map.of());
        KeyMaterial key = KeyMaterial.loadOrCreate(fleet.minionConfig("web1").path("pki_dir"), "minion", "web1");
        m.close();
        TestFleet.await(() -> !fleet.master().minions().connectedIds().contains("web1"), "web1 gone");

        // A connection that was accepted and then stopped answering, as after a network blip.
        try (RawPeer stale = new RawPeer().connect(fleet.master().port(), key, tmp.resolve("peer-pki"))) {
            stale.send(Envelope.newBuilder().setId(1).setHello(Hello.newBuilder().setId("web1")).build());
            assertEquals(KeyStatus.ACCEPTED, stale.next().getHelloAck().getStatus());
            stale.send(Envelope.newBuilder().setId(2).setRequest(Request.newBuilder().setMethod("grains.update")
                    .setArgs(Values.toProto(Map.of("grains", Map.of())))).build());
            assertEquals(2, stale.next().getReplyTo());
            assertTrue(fleet.master().minions().connectedIds().contains("web1"));

            Minion back = fleet.startMinion("web1", Map.of());
            TestFleet.await(() -> back.connection().isAccepted(), "the minion is back", Duration.ofSeconds(15));
            assertTrue(stale.closedByMaster(), "the half-dead connection was closed");
            TestFleet.await(() -> fleet.master().minions().connectedIds().contains("web1"), "web1 targetable");
        }
    }
}
