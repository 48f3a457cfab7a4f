package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.crypto.KeyMaterial;
import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Envelope;
import io.jsalt.common.proto.Hello;
import io.jsalt.common.proto.KeyStatus;
import io.jsalt.common.proto.Publish;
import io.jsalt.common.proto.Request;
import io.jsalt.common.proto.Return;
import io.jsalt.master.keys.KeyState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Nothing reaches the master's handlers before the key check; after it, only for oneself. */
class AuthGateIT extends FleetCase {
    private static final String JID = "20261122040000000001";

    @BeforeEach
    void start() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> { });
    }

    private static Envelope returnFor(String id) {
        return Envelope.newBuilder().setReturn(Return.newBuilder().setJid(JID).setId(id).setFun("test.ping")
                .setRet(Values.toProto(true)).setSuccess(true)).build();
    }

    @Test
    void aReturnBeforeHelloIsRefusedAndClosesTheConnection() throws Exception {
        try (RawPeer p = peer(KeyMaterial.generate("x"))) {
            p.send(returnFor("x"));
            assertEquals(Envelope.BodyCase.GOODBYE, p.next().getBodyCase());
            assertTrue(p.closedByMaster());
        }
        assertTrue(fleet.master().cache().returns(JID).isEmpty());
    }

    @Test
    void everyMessageTypeOtherThanHelloIsRefusedBeforeAcceptance() throws Exception {
        for (Envelope e : List.of(returnFor("x"),
                Envelope.newBuilder().setRequest(Request.newBuilder().setMethod("grains.update")).build(),
                Envelope.newBuilder().setPublish(Publish.newBuilder().setJid(JID).setFun("cmd.run")).build())) {
            try (RawPeer p = peer(KeyMaterial.generate("x"))) {
                p.send(e);
                assertTrue(p.closedByMaster(), e.getBodyCase() + " before Hello must close the connection");
            }
        }
    }

    @Test
    void aPendingMinionIsToldToWaitAndCannotSendAnythingElse() throws Exception {
        try (RawPeer p = peer(KeyMaterial.generate("web9"))) {
            p.send(RawPeer.hello("web9"));
            p.send(returnFor("web9"));
            // The return pipelined behind the Hello is refused before the key is even decided.
            assertEquals(Envelope.BodyCase.GOODBYE, p.next().getBodyCase());
            assertTrue(p.closedByMaster());
        }
        TestFleet.await(() -> fleet.master().keys().list().get(KeyState.PENDING).contains("web9"), "pending");
        assertTrue(fleet.master().cache().returns(JID).isEmpty());
        assertFalse(fleet.master().minions().connectedIds().contains("web9"));
    }

    @Test
    void anAcceptedMinionCannotReturnForAnotherMinion() throws Exception {
        try (RawPeer p = acceptedPeer("web1", KeyMaterial.generate("web1"))) {
            p.send(returnFor("db1"));
            assertTrue(p.closedByMaster());
        }
        assertTrue(fleet.master().cache().returns(JID).isEmpty());
    }

    @Test
    void anAcceptedMinionSendingAMasterOnlyMessageIsCutOff() throws Exception {
        try (RawPeer p = acceptedPeer("web1", KeyMaterial.generate("web1"))) {
            p.send(Envelope.newBuilder().setPublish(Publish.newBuilder().setJid(JID).setFun("cmd.run")).build());
            assertTrue(p.closedByMaster());
        }
    }

    @Test
    void anUnknownRequestMethodGetsAnErrorNotAnAnswer() throws Exception {
        try (RawPeer p = acceptedPeer("web1", KeyMaterial.generate("web1"))) {
            p.send(Envelope.newBuilder().setId(42).setRequest(Request.newBuilder().setMethod("keys.steal")
                    .setArgs(Values.toProto(Map.of()))).build());
            Envelope reply = p.next();
            assertEquals(42, reply.getReplyTo());
            assertTrue(reply.getResponse().getError().contains("unknown request method"), reply.toString());
        }
    }

    @Test
    void aClaimedIdWithPathCharactersIsRejected() throws Exception {
        try (RawPeer p = peer(KeyMaterial.generate("evil"))) {
            p.send(RawPeer.hello("../minions/db1"));
            assertEquals(KeyStatus.REJECTED, p.next().getHelloAck().getStatus());
            assertTrue(p.closedByMaster());
        }
    }
}
