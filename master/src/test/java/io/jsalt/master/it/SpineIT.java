package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import io.jsalt.master.keys.KeyState;
import io.jsalt.minion.Minion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spine end to end: real master, real minions, real TLS, over the control socket. */
class SpineIT extends FleetCase {
    @Test
    void pendingMinionGetsNothingUntilAcceptedThenAnswersWithoutRestart() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> { });
        Minion m = fleet.startMinion("web1", Map.of("roles", List.of("web")));
        TestFleet.await(() -> fleet.master().keys().list().get(KeyState.PENDING).contains("web1"), "pending key");
        assertFalse(m.connection().isAccepted());
        assertTrue(fleet.master().minions().connectedIds().isEmpty());

        fleet.master().keys().accept("web1", false, false);
        TestFleet.await(() -> m.connection().isAccepted(), "accepted after acceptance_wait_time");

        Cli.Run run = cli().ping("*", "glob");
        assertEquals(Map.of("web1", true), run.returns());
        assertEquals(20, run.jid().length());
        assertEquals(0, run.last().getExitCode());
    }

    @Test
    void grainTargetingSelectsOnlyMatchingMinions() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> { });
        fleet.acceptedMinion("db1", Map.of("roles", List.of("db", "masterdb")));
        fleet.acceptedMinion("db2", Map.of("roles", List.of("db")));
        fleet.acceptedMinion("mail1", Map.of("roles", List.of("mail")));

        Cli.Run db = cli().ping("roles:db", "grain");
        assertEquals(List.of("db1", "db2"), List.copyOf(db.returns().keySet()).stream().sorted().toList());
        Cli.Run compound = cli().ping("G@roles:db and not db2", "compound");
        assertEquals(Map.of("db1", true), compound.returns());
        Cli.Run roles = cli().publish("mail1", "glob", "grains.get", List.of("roles"), Map.of(), 2);
        assertEquals(Map.of("mail1", List.of("mail")), roles.returns());
    }

    @Test
    void noMatchSendsNothingAndSaysSo() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> { });
        fleet.acceptedMinion("web1", Map.of());
        Cli.Run run = cli().ping("nosuch*", "glob");
        assertTrue(run.events().isEmpty());
        assertEquals("No minions matched the target. No command was sent, no jid was assigned.",
                run.last().getError());
        assertEquals(2, run.last().getExitCode());
    }

    @Test
    void rejectingAnAcceptedKeyCutsTheLiveConnection() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> { });
        Minion m = fleet.acceptedMinion("web1", Map.of());
        fleet.master().keys().reject("web1", true, false);
        TestFleet.await(() -> !m.connection().isAccepted(), "connection cut");
        assertTrue(fleet.master().minions().connectedIds().isEmpty());
        Cli.Run run = cli().ping("*", "glob");
        assertEquals(2, run.last().getExitCode(), "a rejected minion is not targeted");
    }

    @Test
    void deletingAnAcceptedKeyCutsTheLiveConnection() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> { });
        Minion m = fleet.acceptedMinion("web1", Map.of());
        fleet.master().keys().delete("web1");
        TestFleet.await(() -> !m.connection().isAccepted(), "connection cut");
        // It comes back as a new pending key, and gets nothing until accepted again.
        TestFleet.await(() -> fleet.master().keys().list().get(KeyState.PENDING).contains("web1"), "pending again");
        assertFalse(m.connection().isAccepted());
    }

    @Test
    void anImpostorWithAnotherKeyIsDeniedAndTheRealMinionKeepsWorking() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> { });
        fleet.acceptedMinion("db1", Map.of());
        Minion impostor = fleet.startMinion("db1-impostor", Map.of(), o -> o.put("id", "db1"));
        TestFleet.await(() -> fleet.master().keys().list().get(KeyState.DENIED).contains("db1"), "denied");
        assertFalse(impostor.connection().isAccepted());
        assertEquals(Map.of("db1", true), cli().ping("db1", "glob").returns());
    }

    @Test
    void aKilledMinionIsReportedAsNotReturning() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> { });
        fleet.acceptedMinion("web1", Map.of());
        Minion dead = fleet.acceptedMinion("web2", Map.of());
        dead.close();
        TestFleet.await(() -> !fleet.master().minions().connectedIds().contains("web2"), "web2 gone");
        Cli.Run run = cli().ping("*", "glob");
        assertEquals(Map.of("web1", true), run.returns());
        assertEquals(Map.of("web2", "Not connected"), run.missing());
    }

    @Test
    void aMinionStillRunningALongJobIsWaitedFor() throws Exception {
        // The test fleet's gather_job_timeout of 1 s is too tight for a find_job round trip on a
        // loaded build host (a late answer counts as "not running", as in Salt); what this test
        // is about is the -t 1 deadline being extended while find_job says the job runs.
        fleet = new TestFleet(tmp).startMaster(o -> o.put("gather_job_timeout", 10L));
        fleet.acceptedMinion("web1", Map.of());
        long start = System.nanoTime();
        Cli.Run run = cli().publish("web1", "glob", "test.sleep", List.of(3L), Map.of(), 1);
        assertEquals(Map.of("web1", true), run.returns(), "find_job kept the job alive past -t 1");
        assertTrue(System.nanoTime() - start >= 3_000_000_000L);
    }

    @Test
    void unknownFunctionGetsSaltsMessage() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> { });
        fleet.acceptedMinion("web1", Map.of());
        Cli.Run run = cli().publish("web1", "glob", "foo.bar", List.of(), Map.of(), 2);
        assertEquals(Map.of("web1", "'foo.bar' is not available."), run.returns());
        assertEquals(1, run.last().getExitCode());
    }

    @Test
    void jobCacheSurvivesAMasterRestartAndMinionsReconnect() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> { });
        Minion m = fleet.acceptedMinion("web1", Map.of("roles", List.of("web")));
        Cli.Run run = cli().publish("web1", "glob", "test.echo", List.of("hello"), Map.of(), 2);
        String jid = run.jid();
        assertNotNull(jid);

        fleet.restartMaster();
        Object looked = cli().runner("jobs.lookup_jid", List.of(jid), Map.of());
        assertEquals(Map.of("web1", "hello"), looked);
        // Grains were cached to disk: grain targeting works for the reconnected minion.
        TestFleet.await(() -> m.connection().isAccepted(), "reconnected");
        assertEquals(Map.of("web1", true), cli().ping("roles:web", "grain").returns());
        @SuppressWarnings("unchecked")
        Map<String, Object> jobs = (Map<String, Object>) cli().runner("jobs.list_jobs", List.of(), Map.of());
        assertTrue(jobs.containsKey(jid));
        assertEquals("test.echo", Data.get(jobs, jid + ":Function", null));
    }

    @Test
    void grainsSetvalPersistsOnTheMinionAndRefreshesTheMastersCache() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> { });
        fleet.acceptedMinion("web1", Map.of());
        cli().publish("web1", "glob", "grains.setval", List.of("roles", List.of("db")), Map.of(), 2);
        TestFleet.await(() -> !cli().ping("roles:db", "grain").returns().isEmpty(), "grain target sees new value");
    }

    @Test
    void aReturnMadeWhileTheMasterIsDownIsDeliveredAfterReconnect() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> { });
        Minion m = fleet.acceptedMinion("web1", Map.of());
        String jid = fleet.master().jobs().publishTo(new io.jsalt.master.jobs.PublishSpec("web1", "glob", "test.sleep",
                List.of(2L), Map.of(), 30, "test"), List.of("web1"), null);
        fleet.stopMaster();
        // The job finishes while nobody listens; the minion keeps the return in its outbox.
        TestFleet.await(() -> m.connection().outboxSize() == 1, "return waiting in the outbox");
        fleet.restartMaster();
        TestFleet.await(() -> m.connection().outboxSize() == 0, "return acknowledged after reconnect");
        assertEquals(Map.of("web1", true), cli().runner("jobs.lookup_jid", List.of(jid), Map.of()));
    }

    @Test
    void aCallConnectionServesJsaltCallWithoutDisplacingTheDaemon() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> { });
        Minion daemon = fleet.acceptedMinion("web1", Map.of("roles", List.of("web")));
        try (Minion call = new Minion(fleet.minionConfig("web1")).connectForCall(10_000)) {
            io.jsalt.common.proto.Return r = call.runner().execute(io.jsalt.common.proto.Publish.newBuilder()
                    .setJid(io.jsalt.common.Jid.systemUtc().next()).setFun("cp.list_master").build());
            assertEquals(0, r.getRetcode(), r.toString());
        }
        // The daemon kept its connection and still takes jobs.
        assertTrue(daemon.connection().isAccepted());
        assertEquals(Map.of("web1", true), cli().ping("web1", "glob").returns());
    }

    @Test
    void aCallConnectionForAPendingKeySaysSo() throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> { });
        fleet.startMinion("new1", Map.of());
        TestFleet.await(() -> fleet.master().keys().list().get(KeyState.PENDING).contains("new1"), "pending");
        Minion call = new Minion(fleet.minionConfig("new1"));
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> call.connectForCall(10_000));
        assertTrue(e.getMessage().contains("not accepted"), e.getMessage());
        call.close();
    }
}
