package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.crypto.KeyMaterial;
import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Envelope;
import io.jsalt.common.proto.KeyStatus;
import io.jsalt.common.proto.Request;
import io.jsalt.common.transport.RequestMethod;
import io.jsalt.master.events.Event;
import io.jsalt.master.events.EventQueue;
import io.jsalt.minion.Minion;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The authenticated id is the only id: a minion that reports {@code grains['id']} of another
 * minion gets neither its pillar nor its targets. Salt's master overwrites the grain with the
 * authenticated id before compiling pillar (salt/master.py, AESFuncs._pillar:
 * {@code load["grains"]["id"] = load["id"]}); jsalt does it wherever grains enter the master.
 */
class AuthenticatedIdIT extends FleetCase {
    @BeforeEach
    void start() throws Exception {
        Path pillar = tmp.resolve("pillar");
        // beta's secret is reachable two ways: a grain match in the top file and a template
        // condition on grains['id'].
        write(pillar, "top.sls", "base:\n  '*':\n    - common\n  'G@id:beta':\n    - match: compound\n"
                + "    - beta\n");
        write(pillar, "common.sls", "{% if grains['id'] == 'beta' %}templated: beta-template-secret\n"
                + "{% else %}templated: nothing\n{% endif %}");
        write(pillar, "beta.sls", "secret: beta-top-secret\n");
        Map<String, Object> dns = new LinkedHashMap<>();
        dns.put("zone", "fleet.internal");
        dns.put("listen", "127.0.0.1");
        dns.put("port", 0L);
        fleet = new TestFleet(tmp).startMaster(o -> {
            o.put("pillar_roots", Map.of("base", List.of(pillar.toString())));
            o.put("dns_hub", dns);
        });
    }

    @Test
    void aMinionThatSetsItsIdGrainToAnotherIdGetsNeitherItsPillarNorItsTargets() throws Exception {
        fleet.acceptedMinion("beta", Map.of("ipv4", List.of("10.1.0.8")));
        Minion gamma = fleet.acceptedMinion("gamma", Map.of("ipv4", List.of("10.1.0.9")));
        assertEquals("beta-top-secret", call("beta", "pillar.get", List.of("secret")), "the top file works");

        call("gamma", "grains.setval", List.of("id", "beta"));
        TestFleet.await(() -> "beta".equals(gamma.grains().grains().get("id")), "gamma's own grain changed");
        // The master got the changed grains (they carry gamma's new grain) but keeps id = gamma.
        call("gamma", "grains.setval", List.of("marker", "sent"));
        TestFleet.await(() -> "sent".equals(fleet.master().minions().get("gamma").grains().get("marker")),
                "gamma's grains reached the master");
        assertEquals("gamma", fleet.master().minions().get("gamma").grains().get("id"));

        assertEquals(true, call("gamma", "saltutil.refresh_pillar", List.of()));
        Object pillar = call("gamma", "pillar.items", List.of());
        assertEquals(Map.of("templated", "nothing"), pillar, "gamma's pillar only");
        Object direct = gamma.connection().request(RequestMethod.PILLAR_ITEMS, Map.of(), 10_000).get(15, TimeUnit.SECONDS);
        assertFalse(String.valueOf(direct).contains("beta"), String.valueOf(direct));

        assertEquals(Map.of("beta", true), cli().ping("id:beta", "grain").returns(), "-G id:beta is beta only");
        assertEquals(Map.of("gamma", true), cli().ping("id:gamma", "grain").returns());

        Dig dig = new Dig(fleet.master().hub().dns().port());
        cli().runner("dns.refresh", List.of(), Map.of());
        assertEquals(List.of("10.1.0.8"), dig.shortAnswer("beta.fleet.internal", "A"));
        assertEquals(List.of("10.1.0.9"), dig.shortAnswer("gamma.fleet.internal", "A"));

        EventQueue q = fleet.master().hub().bus().queue(t -> t.startsWith("myco/"), 10);
        call("gamma", "event.send", List.of("myco/who"));
        Event e = q.poll(5, TimeUnit.SECONDS);
        assertNotNull(e);
        assertEquals("gamma", e.data().get("id"));
    }

    @Test
    void grainsSentOverTheWireWithAnotherIdAreStampedWithTheAuthenticatedId() throws Exception {
        fleet.acceptedMinion("beta", Map.of());
        try (RawPeer gamma = acceptedPeer("gamma")) {
            gamma.send(Envelope.newBuilder().setId(7).setRequest(Request.newBuilder().setMethod("grains.update")
                    .setArgs(Values.toProto(Map.of("grains", Map.of("id", "beta", "os", "Debian"))))).build());
            assertEquals(7, gamma.next().getReplyTo());
            TestFleet.await(() -> fleet.master().minions().connectedIds().contains("gamma"), "gamma ready");
            assertEquals("gamma", fleet.master().minions().get("gamma").grains().get("id"));
            assertEquals(Map.of("beta", true), cli().ping("id:beta", "grain").returns());

            gamma.send(Envelope.newBuilder().setId(8).setRequest(Request.newBuilder().setMethod("pillar.items")
                    .setArgs(Values.toProto(Map.of("grains", Map.of("id", "beta")))).build()).build());
            Envelope reply = gamma.next();
            assertEquals(8, reply.getReplyTo());
            Object pillar = Values.fromProto(reply.getResponse().getResult());
            assertEquals(Map.of("templated", "nothing"), pillar);
        }
    }

    @Test
    void aMinionIsTargetedOnlyOnceItsFullGrainsArrived() throws Exception {
        try (RawPeer delta = acceptedPeer("delta")) {
            Thread.sleep(300);
            assertFalse(fleet.master().minions().connectedIds().contains("delta"), "no grains yet: not targeted");
            delta.send(Envelope.newBuilder().setId(7).setRequest(Request.newBuilder().setMethod("grains.update")
                    .setArgs(Values.toProto(Map.of("grains", Map.of("os", "Debian"))))).build());
            assertEquals(7, delta.next().getReplyTo());
            assertTrue(fleet.master().minions().connectedIds().contains("delta"));
            assertEquals("Debian", fleet.master().minions().get("delta").grains().get("os"));
        }
    }

    /**
     * A raw peer that enrolled as a new minion would: its first hello leaves its key pending,
     * the key is accepted, and the returned peer has said hello again and been accepted.
     */
    private RawPeer acceptedPeer(String id) throws Exception {
        KeyMaterial key = KeyMaterial.generate(id);
        try (RawPeer first = new RawPeer().connect(fleet.master().port(), key, tmp.resolve("peer-pki-1"))) {
            first.send(RawPeer.hello(id));
            assertEquals(KeyStatus.PENDING, first.next().getHelloAck().getStatus());
        }
        fleet.master().keys().accept(id, false, false);
        RawPeer peer = new RawPeer().connect(fleet.master().port(), key, tmp.resolve("peer-pki-2"));
        peer.send(RawPeer.hello(id));
        assertEquals(KeyStatus.ACCEPTED, peer.next().getHelloAck().getStatus());
        return peer;
    }
}
