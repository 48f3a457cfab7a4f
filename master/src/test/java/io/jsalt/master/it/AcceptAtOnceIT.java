package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.master.cli.CommandRun;
import io.jsalt.master.cli.JsaltKeyMain;
import io.jsalt.master.cli.JsaltMain;
import io.jsalt.master.events.Event;
import io.jsalt.master.events.EventQueue;
import io.jsalt.master.keys.KeyState;
import io.jsalt.minion.Minion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Accepting a key reaches the pending minion at once: the master holds its connection open
 * and authenticates it again on the spot, so the operator's first command after
 * {@code jsalt-key -a} answers. In Salt (and here before) the minion tries again only after
 * acceptance_wait_time, and that command fails with "Minion did not return. [Not connected]".
 * The first test's minion waits 60 s between tries, so only the held connection can make it.
 */
class AcceptAtOnceIT extends FleetCase {
    private Path conf;

    private void startMaster(Map<String, Object> opts) throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> o.putAll(opts));
        conf = tmp.resolve("cli-conf");
        Files.createDirectories(conf);
        Files.writeString(conf.resolve("master"), "root_dir: " + tmp.resolve("master-root") + "\n"
                + "sock_dir: /run/sock\ntimeout: 5\n");
    }

    private Minion pendingMinion(String id) throws Exception {
        Minion m = fleet.startMinion(id, Map.of(), o -> o.put("acceptance_wait_time", 60L));
        TestFleet.await(() -> fleet.master().keys().list().get(KeyState.PENDING).contains(id), id + " pending");
        return m;
    }

    @Test
    void theFirstCommandRightAfterAcceptingAnswers() throws Exception {
        startMaster(Map.of());
        pendingMinion("new1");
        TestFleet.await(() -> fleet.master().pendingPeers().size() == 1, "new1's connection held");

        long start = System.nanoTime();
        CommandRun accept = CommandRun.run(conf, JsaltKeyMain::new, "-y", "-a", "new1");
        assertEquals("Key for minion new1 accepted.\n", accept.out(), accept.err());
        // Issued as soon as jsalt-key returned, as an operator would.
        CommandRun ping = CommandRun.run(conf, JsaltMain::new, "--no-color", "new1", "test.ping");
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertEquals(0, ping.code(), ping.out() + ping.err());
        assertEquals("new1:\n    True\n", ping.out());
        assertTrue(millis < 30_000, "accept and ping took " + millis + " ms");
        assertEquals(0, fleet.master().pendingPeers().size());
    }

    @Test
    void aKeyAcceptedByAutosignAnswersTheFirstCommand() throws Exception {
        // Salt's master checks autosign_file when the minion authenticates (salt/daemons/
        // masterapi.py / salt/key.py check_autosign): the key is accepted on that first
        // contact, so the minion needs no second try (it would wait 60 s here).
        // Under the master's root_dir: Salt prepends root_dir to autosign_file otherwise.
        Path autosign = Files.writeString(Files.createDirectories(tmp.resolve("master-root")).resolve("autosign.conf"),
                "auto*\n");
        startMaster(Map.of("autosign_file", autosign.toString()));
        Minion m = fleet.startMinion("auto1", Map.of(), o -> o.put("acceptance_wait_time", 60L));
        TestFleet.await(() -> m.connection().isAccepted(), "auto1 accepted on its first contact");
        CommandRun ping = CommandRun.run(conf, JsaltMain::new, "--no-color", "auto1", "test.ping");
        assertEquals(0, ping.code(), ping.out() + ping.err());
        assertEquals("auto1:\n    True\n", ping.out());
        assertTrue(fleet.master().keys().list().get(KeyState.ACCEPTED).contains("auto1"));
    }

    @Test
    void anAutosignEntryAddedWhileTheMinionWaitsReachesItsHeldConnection() throws Exception {
        // Salt's minion would find the new autosign_file entry at its next try (every
        // acceptance_wait_time, salt/minion.py); this minion's next try is 60 s away, so only
        // the master's check of its held connection can accept it within the 20 s waited here.
        Path autosign = Files.writeString(Files.createDirectories(tmp.resolve("master-root")).resolve("autosign.conf"),
                "# nobody yet\n");
        startMaster(Map.of("autosign_file", autosign.toString()));
        Minion m = pendingMinion("late1");
        TestFleet.await(() -> fleet.master().pendingPeers().size() == 1, "late1's connection held");
        Files.writeString(autosign, "late*\n");
        TestFleet.await(() -> m.connection().isAccepted(), "late1 accepted through its held connection");
        CommandRun ping = CommandRun.run(conf, JsaltMain::new, "--no-color", "late1", "test.ping");
        assertEquals("late1:\n    True\n", ping.out(), ping.err());
        assertEquals(0, fleet.master().pendingPeers().size());
    }

    /** Counts the master's "pend" answers by minion id, from its salt/auth events. */
    private Map<String, Integer> pendAnswers(EventQueue auth) throws InterruptedException {
        Map<String, Integer> n = new ConcurrentHashMap<>();
        Event e;
        while ((e = auth.poll(0, TimeUnit.MILLISECONDS)) != null) {
            if ("pend".equals(e.data().get("act"))) {
                n.merge(String.valueOf(e.data().get("id")), 1, Integer::sum);
            }
        }
        return n;
    }

    @Test
    void atMostPendingHoldMaxConnectionsAreHeld() throws Exception {
        startMaster(Map.of("pending_hold_max", 1L));
        EventQueue auth = fleet.master().hub().bus().queue(t -> t.equals("salt/auth"), 1000);
        fleet.startMinion("new1", Map.of());
        fleet.startMinion("new2", Map.of());
        // These minions try again every second: the one whose connection is not held is
        // answered "pending" again and again, the held one once.
        Map<String, Integer> pend = new ConcurrentHashMap<>();
        TestFleet.await(() -> {
            pendAnswers(auth).forEach((id, k) -> pend.merge(id, k, Integer::sum));
            return pend.size() == 2 && pend.values().stream().anyMatch(k -> k >= 3);
        }, "one of the two minions kept trying");
        assertEquals(1, fleet.master().pendingPeers().size());
        assertTrue(pend.containsValue(1), pend.toString());
    }

    @Test
    void aHeldConnectionIsClosedAfterPendingHoldTime() throws Exception {
        startMaster(Map.of("pending_hold_time", 1L));
        EventQueue auth = fleet.master().hub().bus().queue(t -> t.equals("salt/auth"), 1000);
        fleet.startMinion("new1", Map.of());
        // Held for a second at a time, then closed: the minion (which tries again every
        // second here) is answered again and again rather than held for good.
        int[] pend = new int[1];
        TestFleet.await(() -> (pend[0] += pendAnswers(auth).getOrDefault("new1", 0)) >= 3,
                "new1's held connection was closed and it tried again");
    }

    @Test
    void holdingCanBeTurnedOff() throws Exception {
        startMaster(Map.of("pending_hold_max", 0L));
        pendingMinion("new1");
        assertEquals(0, fleet.master().pendingPeers().size());
    }
}
