package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.crypto.KeyMaterial;
import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Envelope;
import io.jsalt.common.proto.KeyStatus;
import io.jsalt.common.transport.RequestMethod;
import io.jsalt.master.keys.KeyState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attacks on a real master by an {@link Adversary} while honest minions are connected:
 * each attack is refused, and the honest minions keep answering through the master.
 */
class AttackIT extends FleetCase {
    private static final String JID = "20261207030000000001";
    private static final String SECRET = "TOPSECRET-outside-the-roots";

    @BeforeEach
    void start() throws Exception {
        Path roots = tmp.resolve("salt");
        Files.createDirectories(roots.resolve("web"));
        Files.writeString(roots.resolve("motd"), "hello\n");
        Files.writeString(roots.resolve("web/index.html"), "index\n");
        Files.writeString(tmp.resolve("outside.txt"), SECRET);
        fleet = new TestFleet(tmp).startMaster(o -> o.put("file_roots", Map.of("base", List.of(roots.toString()))));
        fleet.acceptedMinion("honest1", Map.of());
        fleet.acceptedMinion("honest2", Map.of());
    }

    private int port() {
        return fleet.master().port();
    }

    /** The honest minions answer test.ping through the master's control socket. */
    static void assertHonestMinionsAnswer(TestFleet fleet) throws Exception {
        assertEquals(Map.of("honest1", true, "honest2", true), new Cli(fleet.sockDir()).ping("*", "glob").returns());
    }

    private static void assertOnlyRefusals(List<Envelope> seen, String what) {
        for (Envelope e : seen) {
            boolean refusal = e.hasGoodbye() || (e.hasHelloAck() && e.getHelloAck().getStatus() != KeyStatus.ACCEPTED);
            assertTrue(refusal, what + " got " + e);
        }
    }

    @Test
    void garbageBytesAndATls12OnlyClientAreRefused() throws Exception {
        Random r = new Random(1);
        byte[] noise = new byte[4096];
        r.nextBytes(noise);
        List<byte[]> garbage = List.of(noise, "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                Adversary.frame(12, Adversary.helloMsg("honest1").toByteArray()));
        for (byte[] bytes : garbage) {
            try (Adversary.Plain p = new Adversary.Plain(port())) {
                p.send(bytes);
                assertTrue(p.closedByMaster(), "plain bytes must close the connection");
            }
        }
        // A TLS record header promising more than ever comes holds only its own connection
        // (until the handshake deadline closes it).
        try (Adversary.Plain p = new Adversary.Plain(port())) {
            p.send(new byte[] {0x16, 0x03, 0x01, 0x7f, 0x7f});
            assertHonestMinionsAnswer(fleet);
        }
        KeyMaterial key = KeyMaterial.generate("old");
        try (Adversary a = Adversary.connect(port(), Adversary.context(key.privateKey(), key.certificate(), "TLSv1.2"))) {
            assertNotNull(a.handshakeFailure(), "a TLS 1.2-only client must not complete a handshake");
            assertFalse(a.isOpen() && !a.closedByMaster());
        }
        assertHonestMinionsAnswer(fleet);
    }

    @Test
    void everyMessageTypeBeforeHelloIsRefused() throws Exception {
        for (Envelope e : Adversary.everyBodyType("honest1", JID)) {
            if (e.hasHello()) {
                continue;
            }
            try (Adversary a = Adversary.connect(port(), KeyMaterial.generate("x"))) {
                a.send(e);
                assertTrue(a.closedByMaster(), e.getBodyCase() + " before Hello must close the connection");
                assertOnlyRefusals(a.seen(), e.getBodyCase() + " before Hello");
            }
        }
        assertTrue(fleet.master().cache().returns(JID).isEmpty());
        assertHonestMinionsAnswer(fleet);
    }

    /**
     * After acceptance the master's own messages and a second Hello cut the session; what a
     * minion may send is answered or taken in. (A return is left to the job tests: whether
     * it is stored depends on the job it names.)
     */
    @Test
    void afterAcceptanceMasterOnlyMessagesCutTheSessionAndTheRestAreServed() throws Exception {
        KeyMaterial key = KeyMaterial.generate("probe2");
        Adversary.accepted(fleet, "probe2", key).close();
        for (Envelope e : Adversary.everyBodyType("probe2", JID)) {
            if (e.hasReturn()) {
                continue;
            }
            Adversary.awaitSessionGone(fleet, "probe2");
            try (Adversary a = Adversary.connect(port(), key)) {
                assertEquals(KeyStatus.ACCEPTED, a.hello("probe2"));
                a.send(e);
                boolean mustClose = !io.jsalt.master.transport.MessagePolicy.AFTER_ACCEPTANCE.contains(e.getBodyCase());
                if (mustClose) {
                    assertTrue(a.closedByMaster(), e.getBodyCase() + " after acceptance must cut the session");
                } else {
                    a.send(Envelope.newBuilder().setId(77).setHeartbeat(io.jsalt.common.proto.Heartbeat
                            .getDefaultInstance()).build());
                    Envelope beat = null;
                    for (Envelope r = a.next(); r != null && beat == null; r = a.next()) {
                        beat = r.getReplyTo() == 77 && r.hasHeartbeat() ? r : null;
                    }
                    assertNotNull(beat, e.getBodyCase() + " after acceptance: the session must still answer");
                }
            }
        }
        assertHonestMinionsAnswer(fleet);
    }

    /**
     * A new key, a pending key, a rejected key and a forged certificate (another key
     * claiming an accepted minion's id) each get their verdict and nothing else: no
     * pillar, no files, no events, no publish, whatever they pipeline behind the Hello.
     */
    @Test
    void unacceptedPendingRejectedAndForgedCertificatesGetNothing() throws Exception {
        KeyMaterial pending = KeyMaterial.generate("pend1");
        try (Adversary a = Adversary.connect(port(), pending)) {
            assertEquals(KeyStatus.PENDING, a.hello("pend1"));
        }
        KeyMaterial rejected = KeyMaterial.generate("rej1");
        try (Adversary a = Adversary.connect(port(), rejected)) {
            a.hello("rej1");
        }
        fleet.master().keys().reject("rej1", false, false);
        Map<String, KeyMaterial> peers = new LinkedHashMap<>();
        peers.put("new1", KeyMaterial.generate("new1"));
        peers.put("pend1", pending);
        peers.put("rej1", rejected);
        peers.put("honest1", KeyMaterial.generate("honest1")); // forged: not honest1's key
        // Every request a minion may send has its handler (grains.update is the session's own),
        // so the unauthenticated peers below are tried against all of them.
        java.util.Set<RequestMethod> handled = java.util.EnumSet.copyOf(io.jsalt.master.transport.MessagePolicy.MINION_REQUESTS);
        handled.remove(RequestMethod.GRAINS_UPDATE);
        assertEquals(handled, fleet.master().router().methods());
        List<Envelope> asks = new ArrayList<>();
        for (RequestMethod method : fleet.master().router().methods()) {
            asks.add(Adversary.requestMsg(asks.size() + 10, method.wire(), Map.of("path", "motd", "saltenv", "base",
                    "tag", "salt/evil", "data", Map.of())));
        }
        for (Envelope e : Adversary.everyBodyType("x", JID)) {
            if (!e.hasHello() && !e.hasRequest()) {
                asks.add(e);
            }
        }
        for (Map.Entry<String, KeyMaterial> peer : peers.entrySet()) {
            try (Adversary a = Adversary.connect(port(), peer.getValue())) {
                a.send(Adversary.helloMsg(peer.getKey()));
                for (Envelope ask : asks) {
                    a.send(ask);
                }
                new Cli(fleet.sockDir()).ping("*", "glob");
                assertTrue(a.closedByMaster(), peer.getKey() + " must be closed");
                assertOnlyRefusals(a.seen(), peer.getKey());
            }
        }
        assertEquals(List.of("honest1", "honest2"), fleet.master().minions().connectedIds().stream().sorted().toList());
        assertTrue(fleet.master().keys().list().get(KeyState.PENDING).contains("pend1"));
        assertTrue(fleet.master().cache().returns(JID).isEmpty());
        assertHonestMinionsAnswer(fleet);
    }

    /** Salt's own certificate of an accepted minion, shown by a peer without its private key. */
    @Test
    void anAcceptedMinionsCertificateWithoutItsPrivateKeyGetsNoSession() throws Exception {
        KeyMaterial honest = KeyMaterial.loadOrCreate(fleet.minionConfig("honest1").path("pki_dir"), "minion", "honest1");
        KeyMaterial thief = KeyMaterial.generate("thief");
        try (Adversary a = Adversary.connect(port(), Adversary.context(thief.privateKey(), honest.certificate(), "TLSv1.3"))) {
            // TLS 1.3 finishes on the client before the master checks its CertificateVerify.
            if (a.handshakeSucceeded()) {
                a.send(Adversary.helloMsg("honest1"));
                a.send(Adversary.requestMsg(2, "pillar.items", Map.of()));
                assertTrue(a.closedByMaster());
            }
            assertTrue(a.seen().isEmpty(), "no session, not even a verdict: " + a.seen());
        }
        assertHonestMinionsAnswer(fleet);
    }

    /** Every spelling of a way out of the file roots, for every file request. */
    @Test
    void pathTraversalInEveryEncodingIsRefused() throws Exception {
        String abs = tmp.resolve("outside.txt").toString();
        List<String> bad = List.of("../outside.txt", "%2e%2e/outside.txt", "..%2foutside.txt", "%2e%2e%2foutside.txt",
                "..%2Foutside.txt", "%252e%252e%252foutside.txt", "salt://../outside.txt", "salt://%2e%2e/outside.txt",
                "salt:///" + abs, abs, "/etc/passwd", "file://" + abs, "..\\outside.txt", "web\\..\\..\\outside.txt",
                "web/../../outside.txt", "salt://web/../../outside.txt", "./../outside.txt", "....//outside.txt",
                "motd\u0000/../../outside.txt", "..\u0000/outside.txt", "%c0%ae%c0%ae/outside.txt",
                "%c0%2e%c0%2e/outside.txt", "%e0%80%ae%e0%80%ae/outside.txt", "\u2025/outside.txt",
                "\uff0e\uff0e/outside.txt", "\u2024\u2024/outside.txt", "\u002e\u002e\u2215outside.txt",
                "..\u2216outside.txt", "~/../outside.txt", "C:\\outside.txt", "\\\\host\\share\\outside.txt");
        try (Adversary a = Adversary.accepted(fleet, "prober", KeyMaterial.generate("prober"))) {
            long id = 100;
            for (String path : bad) {
                for (String method : List.of("file.get", "file.hash")) {
                    a.send(Adversary.requestMsg(++id, method, Map.of("saltenv", "base", "path", path)));
                    Envelope reply = a.next();
                    assertNotNull(reply, method + " " + path + ": no reply");
                    assertEquals(id, reply.getReplyTo());
                    Object result = Values.fromProto(reply.getResponse().getResult());
                    String error = reply.getResponse().getError();
                    assertTrue(error.startsWith("refusing path") || (result instanceof Map<?, ?> m && m.isEmpty()),
                            method + " " + path + " answered " + result + " / " + error);
                }
            }
            for (String env : List.of("..", "../..", "/", "base/..", "base\u0000")) {
                a.send(Adversary.requestMsg(++id, "file.get", Map.of("saltenv", env, "path", "outside.txt")));
                Envelope reply = a.next();
                assertFalse(Values.fromProto(reply.getResponse().getResult()) instanceof Map<?, ?> m
                        && m.containsKey("data"), "saltenv " + env);
            }
            // Overlong UTF-8 as raw bytes in the string itself: not valid UTF-8, so not a message.
            byte[] overlong = "\u00c0\u00ae\u00c0\u00ae/outside.txt".getBytes(StandardCharsets.ISO_8859_1);
            String placeholder = "X".repeat(overlong.length);
            byte[] body = Adversary.requestMsg(++id, "file.get", Map.of("saltenv", "base", "path", placeholder))
                    .toByteArray();
            int at = indexOf(body, placeholder.getBytes(StandardCharsets.US_ASCII));
            System.arraycopy(overlong, 0, body, at, overlong.length);
            a.sendFrame(body);
            assertTrue(a.closedByMaster(), "a string that is not UTF-8 closes the connection");
            for (Envelope e : a.seen()) {
                assertFalse(e.toString().contains(SECRET) || e.toByteString().toStringUtf8().contains(SECRET));
            }
        }
        assertHonestMinionsAnswer(fleet);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("needle not found");
    }

    @Test
    void aReturnAsAnotherIdCutsTheConnection() throws Exception {
        try (Adversary a = Adversary.accepted(fleet, "intruder", KeyMaterial.generate("intruder"))) {
            a.send(Adversary.returnMsg(JID, "honest1"));
            assertTrue(a.closedByMaster());
            assertNotEquals(List.of(), a.seen());
            assertTrue(a.seen().get(a.seen().size() - 1).hasGoodbye());
        }
        assertTrue(fleet.master().cache().returns(JID).isEmpty());
        assertFalse(fleet.master().minions().connectedIds().contains("intruder"));
        assertHonestMinionsAnswer(fleet);
    }

    /** A Hello split into one-byte TLS records still works: fragmentation is not an attack surface. */
    @Test
    void aHelloWrittenOneByteAtATimeIsUnderstood() throws Exception {
        KeyMaterial key = KeyMaterial.generate("slow1");
        try (Adversary a = Adversary.connect(port(), key)) {
            byte[] hello = Adversary.helloMsg("slow1").toByteArray();
            a.sendFragmented(Adversary.frame(hello.length, hello), 1);
            Envelope ack = a.next();
            assertNotNull(ack);
            assertEquals(KeyStatus.PENDING, ack.getHelloAck().getStatus());
        }
        assertHonestMinionsAnswer(fleet);
    }
}
