package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.crypto.KeyMaterial;
import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Envelope;
import io.jsalt.common.proto.Hello;
import io.jsalt.common.proto.KeyStatus;
import io.jsalt.common.proto.Request;
import io.jsalt.common.transport.RequestMethod;
import io.jsalt.minion.Minion;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A key that leaves accepted closes every session of it at once, jsalt-call's included. */
class RevocationIT extends FleetCase {
    @BeforeEach
    void start() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> { });
    }

    @Test
    void aRejectedKeysCallSessionIsClosedAtOnce() throws Exception {
        Minion daemon = fleet.acceptedMinion("web1", Map.of());
        try (Minion call = new Minion(fleet.minionConfig("web1")).connectForCall(10_000)) {
            assertTrue(call.connection().isAccepted());
            fleet.master().keys().reject("web1", true, false);
            TestFleet.await(() -> !call.connection().isAccepted() && !daemon.connection().isAccepted(),
                    "both sessions closed", Duration.ofSeconds(1));
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> call.connection().request(RequestMethod.PILLAR_ITEMS, Map.of(), 2_000).get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("not connected"), e.getCause().getMessage());
        }
    }

    @Test
    void aDeletedKeysCallSessionIsClosedAtOnce() throws Exception {
        KeyMaterial key = KeyMaterial.generate("web2");
        try (RawPeer first = new RawPeer().connect(fleet.master().port(), key, tmp.resolve("peer-pki-1"))) {
            first.send(hello("web2", false));
            assertEquals(KeyStatus.PENDING, first.next().getHelloAck().getStatus());
        }
        fleet.master().keys().accept("web2", false, false);
        try (RawPeer call = new RawPeer().connect(fleet.master().port(), key, tmp.resolve("peer-pki-2"))) {
            call.send(hello("web2", true));
            assertEquals(KeyStatus.ACCEPTED, call.next().getHelloAck().getStatus());
            call.send(pillarRequest(5));
            assertEquals(5, call.next().getReplyTo(), "the call session works while the key is accepted");

            fleet.master().keys().delete("web2");
            long t0 = System.nanoTime();
            assertTrue(call.closedByMaster());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(1), "closed within a second");
            assertFalse(call.isOpen());
        }
    }

    private static Envelope pillarRequest(long id) {
        return Envelope.newBuilder().setId(id).setRequest(Request.newBuilder().setMethod("pillar.items")
                .setArgs(Values.toProto(Map.of()))).build();
    }

    private static Envelope hello(String id, boolean ephemeral) {
        return Envelope.newBuilder().setId(1).setHello(Hello.newBuilder().setId(id).setEphemeral(ephemeral)
                .setGrains(Values.toProto(Map.of()))).build();
    }
}
