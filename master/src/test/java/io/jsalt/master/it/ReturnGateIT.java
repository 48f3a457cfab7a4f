package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.jsalt.common.crypto.KeyMaterial;
import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Envelope;
import io.jsalt.common.proto.Hello;
import io.jsalt.common.proto.KeyStatus;
import io.jsalt.common.proto.Request;
import io.jsalt.common.proto.Return;
import io.jsalt.common.proto.ReturnAck;
import io.jsalt.master.events.Event;
import io.jsalt.master.events.EventQueue;
import io.jsalt.master.jobs.JobManager;
import io.jsalt.master.jobs.PublishSpec;
import io.jsalt.minion.Minion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A minion returns only for jobs that were for it. Salt's master takes a return without a
 * job ("req") only as the minion's own job and gives it a load (salt/master.py, _return;
 * salt/utils/schedule.py marks scheduled returns so); jsalt's minion marks such returns
 * {@code minion_job} and keeps its own JID.
 */
class ReturnGateIT {
    private static final String INVENTED = "20261122040000000001";

    @TempDir
    Path tmp;

    private TestFleet fleet;
    private EventQueue jobEvents;
    private LogCapture jobLog;

    @BeforeEach
    void start() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> { });
        jobEvents = fleet.master().hub().bus().queue(t -> t.startsWith("salt/job/") && t.contains("/ret/"), 100);
        jobLog = LogCapture.of(JobManager.class, Level.WARN);
    }

    @AfterEach
    void stop() throws Exception {
        jobLog.close();
        fleet.close();
    }

    /** An accepted peer with full grains sent: targetable like a real minion, but hand-driven. */
    private RawPeer readyPeer(String id) throws Exception {
        KeyMaterial key = KeyMaterial.generate(id);
        try (RawPeer first = new RawPeer().connect(fleet.master().port(), key, tmp.resolve("pki-" + id + "-1"))) {
            first.send(Envelope.newBuilder().setId(1).setHello(Hello.newBuilder().setId(id)).build());
            assertEquals(KeyStatus.PENDING, first.next().getHelloAck().getStatus());
        }
        fleet.master().keys().accept(id, false, false);
        RawPeer p = new RawPeer().connect(fleet.master().port(), key, tmp.resolve("pki-" + id + "-2"));
        p.send(Envelope.newBuilder().setId(1).setHello(Hello.newBuilder().setId(id)).build());
        assertEquals(KeyStatus.ACCEPTED, p.next().getHelloAck().getStatus());
        p.send(Envelope.newBuilder().setId(2).setRequest(Request.newBuilder().setMethod("grains.update")
                .setArgs(Values.toProto(Map.of("grains", Map.of("os", "Debian"))))).build());
        assertEquals(2, p.next().getReplyTo());
        return p;
    }

    private static Envelope ret(String id, String jid, boolean minionJob) {
        return Envelope.newBuilder().setReturn(Return.newBuilder().setJid(jid).setId(id).setFun("test.ping")
                .setRet(Values.toProto(true)).setSuccess(true).setMinionJob(minionJob)).build();
    }

    /** The next ReturnAck the peer gets (skipping anything else the master sends). */
    private static ReturnAck ackOf(RawPeer p) throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            Envelope e = p.next();
            assertNotNull(e, "no ReturnAck from the master");
            if (e.hasReturnAck()) {
                return e.getReturnAck();
            }
        }
        throw new AssertionError("no ReturnAck from the master");
    }

    private void assertRefusedAndInvisible(RawPeer p, String id, String jid) throws Exception {
        ReturnAck ack = ackOf(p);
        assertTrue(ack.getRefused(), ack.toString());
        assertFalse(ack.getReason().isEmpty());
        assertFalse(fleet.master().cache().returns(jid).containsKey(id), "not in the job cache");
        Event e;
        while ((e = jobEvents.poll(300, TimeUnit.MILLISECONDS)) != null) {
            assertFalse(e.tag().endsWith("/ret/" + id), "no return event: " + e.tag());
        }
        assertTrue(jobLog.messages(Level.WARN).stream().anyMatch(w -> w.contains("'" + id + "'") && w.contains(jid)),
                "a WARNING names the minion and the job");
        assertTrue(p.isOpen(), "an honest mistake does not cost the connection");
    }

    private String publishTo(String tgt, String fun, List<Object> args) {
        return fleet.master().jobs().publish(new PublishSpec(tgt, "glob", fun, args, Map.of(), 1, "root"), null);
    }

    @Test
    void aReturnForAnotherMinionsRunningJobIsRefused() throws Exception {
        fleet.acceptedMinion("beta", Map.of());
        try (RawPeer gamma = readyPeer("gamma")) {
            String jid = publishTo("beta", "test.sleep", List.of(2));
            gamma.send(ret("gamma", jid, false));
            assertRefusedAndInvisible(gamma, "gamma", jid);
            gamma.send(ret("gamma", jid, true));
            assertRefusedAndInvisible(gamma, "gamma", jid);
        }
    }

    @Test
    void aReturnForAFinishedJobThatTargetedSomeoneElseIsRefused() throws Exception {
        fleet.acceptedMinion("beta", Map.of());
        try (RawPeer gamma = readyPeer("gamma")) {
            String jid = publishTo("beta", "test.ping", List.of());
            TestFleet.await(() -> fleet.master().jobs().job(jid) == null, "beta's job finished");
            assertTrue(fleet.master().cache().returns(jid).containsKey("beta"));
            jobEvents.poll(1, TimeUnit.SECONDS);
            gamma.send(ret("gamma", jid, false));
            assertRefusedAndInvisible(gamma, "gamma", jid);
        }
    }

    @Test
    void aReturnForAnInventedJidIsRefused() throws Exception {
        try (RawPeer gamma = readyPeer("gamma")) {
            gamma.send(ret("gamma", INVENTED, false));
            assertRefusedAndInvisible(gamma, "gamma", INVENTED);
            assertTrue(fleet.master().cache().load(INVENTED).isEmpty(), "no load stored either");
        }
    }

    @Test
    void aMinionsOwnJobIsStoredOnceAndNoOtherMinionCanReturnIntoIt() throws Exception {
        try (RawPeer gamma = readyPeer("gamma"); RawPeer delta = readyPeer("delta")) {
            gamma.send(ret("gamma", INVENTED, true));
            assertFalse(ackOf(gamma).getRefused());
            assertEquals(List.of("gamma"), fleet.master().cache().load(INVENTED).orElseThrow().get("minions"));
            Event e = jobEvents.poll(5, TimeUnit.SECONDS);
            assertNotNull(e);
            assertEquals("salt/job/" + INVENTED + "/ret/gamma", e.tag());

            delta.send(ret("delta", INVENTED, true));
            assertRefusedAndInvisible(delta, "delta", INVENTED);
        }
    }

    @Test
    void theTargetedMinionsReturnLandsEvenLate() throws Exception {
        try (RawPeer gamma = readyPeer("gamma")) {
            String jid = publishTo("gamma", "test.ping", List.of());
            assertNotNull(jid);
            Envelope publish = gamma.next();
            assertEquals(jid, publish.getPublish().getJid());
            // Late: the job gave up on gamma (the master asked, nobody answered), then it returns.
            TestFleet.await(() -> fleet.master().jobs().job(jid) == null, "job over without gamma");
            gamma.send(ret("gamma", jid, false));
            assertFalse(ackOf(gamma).getRefused());
            assertTrue(fleet.master().cache().returns(jid).containsKey("gamma"));
            Event e = jobEvents.poll(5, TimeUnit.SECONDS);
            assertNotNull(e);
            assertEquals("salt/job/" + jid + "/ret/gamma", e.tag());
        }
    }

    @Test
    void scheduledJobsStillReachTheJobCacheAndARefusedReturnLeavesTheOutbox() throws Exception {
        Minion web1 = fleet.startMinion("web1", Map.of(), o -> o.put("schedule",
                Map.of("ping", Map.of("function", "test.ping", "seconds", 1L))));
        TestFleet.await(() -> fleet.master().keys().list().get(io.jsalt.master.keys.KeyState.PENDING)
                .contains("web1"), "web1 pending");
        fleet.master().keys().accept("web1", false, false);
        TestFleet.await(() -> fleet.master().cache().loads().values().stream()
                .anyMatch(l -> "ping".equals(l.get("schedule")) && List.of("web1").equals(l.get("minions"))),
                "the scheduled job's load in the cache");
        String jid = fleet.master().cache().loads().entrySet().stream()
                .filter(en -> "ping".equals(en.getValue().get("schedule"))).findFirst().orElseThrow().getKey();
        TestFleet.await(() -> fleet.master().cache().returns(jid).containsKey("web1"), "its return stored");

        web1.connection().sendReturn(ret("web1", INVENTED, false).getReturn());
        TestFleet.await(() -> web1.connection().outboxSize() == 0, "the refused return dropped from the outbox");
        assertNull(fleet.master().cache().returns(INVENTED).get("web1"));
    }

    @Test
    void startupStatesStillReachTheJobCache() throws Exception {
        fleet.startMinion("web2", Map.of(), o -> o.put("startup_states", "highstate"));
        TestFleet.await(() -> fleet.master().keys().list().get(io.jsalt.master.keys.KeyState.PENDING)
                .contains("web2"), "web2 pending");
        fleet.master().keys().accept("web2", false, false);
        TestFleet.await(() -> fleet.master().cache().loads().entrySet().stream()
                .anyMatch(en -> "state.highstate".equals(en.getValue().get("fun"))
                        && List.of("web2").equals(en.getValue().get("minions"))
                        && fleet.master().cache().returns(en.getKey()).containsKey("web2")),
                "the startup run's load and return in the cache");
    }
}
