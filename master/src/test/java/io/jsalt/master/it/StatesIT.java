package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.master.keys.KeyState;
import io.jsalt.minion.Minion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * States end to end: state.apply from the master over real TLS with the minion fetching
 * the tree from the master's file server; startup_states and the scheduler landing in the
 * job cache like any job.
 */
class StatesIT extends FleetCase {
    private Path marker;
    private Path pillarRoot;

    @BeforeEach
    void start() throws Exception {
        Path fileRoot = tmp.resolve("salt");
        marker = tmp.resolve("ran-marker");
        write(fileRoot, "top.sls", "base:\n  '*':\n    - web\n");
        write(fileRoot, "web/init.sls", "include:\n  - .common\n"
                + "touch-marker:\n  cmd.run:\n    - name: touch " + marker + "\n    - creates: " + marker + "\n"
                + "    - require:\n      - test: common-ok\n"
                + "notify:\n  test.succeed_with_changes:\n    - onchanges:\n      - cmd: touch-marker\n");
        write(fileRoot, "web/common.sls", "common-ok:\n  test.succeed_without_changes\n");
        write(fileRoot, "broken.sls", "fails:\n  test.fail_without_changes\n");
        write(fileRoot, "shown.sls", "shown:\n  test.configurable_test_state:\n    - changes: False\n"
                + "    - comment: {{ pillar['color'] }} {{ pillar['size'] }}\n");
        pillarRoot = tmp.resolve("pillar");
        write(pillarRoot, "top.sls", "base:\n  '*':\n    - app\n");
        write(pillarRoot, "app.sls", "color: blue\nsize: small\n");
        fleet = new TestFleet(tmp).startMaster(o -> {
            o.put("file_roots", Map.of("base", List.of(fileRoot.toString())));
            o.put("pillar_roots", Map.of("base", List.of(pillarRoot.toString())));
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void stateApplyFromTheMasterRunsTheHighstateThenChangesNothing() throws Exception {
        fleet.acceptedMinion("web1", Map.of());
        Cli.Run first = cli().publish("web1", "glob", "state.apply", List.of(), Map.of(), 30);
        Map<String, Object> r = ret(first, "web1");
        assertEquals("highstate", r.get("out"));
        assertEquals(0L, r.get("retcode"), r.toString());
        Map<String, Object> states = (Map<String, Object>) r.get("return");
        List<String> ids = new ArrayList<>();
        states.values().stream().map(v -> (Map<String, Object>) v)
                .sorted((a, b) -> Long.compare((Long) a.get("__run_num__"), (Long) b.get("__run_num__")))
                .forEach(v -> ids.add((String) v.get("__id__")));
        assertEquals(List.of("common-ok", "touch-marker", "notify"), ids);
        assertTrue(Files.exists(marker));

        Cli.Run second = cli().publish("web1", "glob", "state.apply", List.of("web"), Map.of(), 30);
        Map<String, Object> again = (Map<String, Object>) ret(second, "web1").get("return");
        Map<String, Object> notify = (Map<String, Object>) again.get(
                "test_|-notify_|-notify_|-succeed_with_changes");
        assertEquals("State was not run because none of the onchanges reqs changed", notify.get("comment"));

        // The job cache holds the state return like any other.
        Map<String, Object> cached = fleet.master().cache().returns(first.jid()).get("web1");
        assertEquals("state.apply", cached.get("fun"));
        assertEquals(states.keySet(), ((Map<String, Object>) cached.get("return")).keySet());
    }

    @SuppressWarnings("unchecked")
    private String shownComment(Map<String, Object> kwargs) throws Exception {
        Map<String, Object> r = ret(cli().publish("web1", "glob", "state.sls", List.of("shown"), kwargs, 30), "web1");
        Map<String, Object> states = (Map<String, Object>) r.get("return");
        return String.valueOf(((Map<String, Object>) states.values().iterator().next()).get("comment"));
    }

    /**
     * A state run compiles fresh pillar: a daemon minion's State gathers pillar for each run
     * (salt/state.py State.__init__ and _gather_pillar; salt/modules/state.py passes an
     * initial pillar only under salt-call), so an edit on the master is used by the next
     * state.sls without saltutil.refresh_pillar, and pillar= is merged over it. The minion's
     * own copy, which pillar.get reads, changes only on a refresh, as Salt's __pillar__.
     */
    @Test
    void stateRunsCompileFreshPillarWithTheCliPillarMergedOver() throws Exception {
        Minion web1 = fleet.acceptedMinion("web1", Map.of());
        TestFleet.await(() -> "blue".equals(web1.pillar().current().get("color")), "web1's pillar at start");
        assertEquals("blue small", shownComment(Map.of()));

        write(pillarRoot, "app.sls", "color: green\nsize: small\n");
        assertEquals("green small", shownComment(Map.of()));
        assertEquals("green big", shownComment(Map.of("pillar", Map.of("size", "big"))));
        assertTrue(String.valueOf(call("web1", "state.show_sls", List.of("shown"))).contains("green small"));
        assertEquals("blue", call("web1", "pillar.get", List.of("color")));

        // A pillar that no longer renders stops the run; the held copy is not used instead.
        write(pillarRoot, "app.sls", "color: [green\n");
        Map<String, Object> r = ret(cli().publish("web1", "glob", "state.sls", List.of("shown"), Map.of(), 30), "web1");
        assertEquals(false, r.get("success"), r.toString());
        assertTrue(String.valueOf(r.get("return")).contains("Pillar failed to render"), r.toString());
    }

    @Test
    void failingStateReturnsRetcodeTwo() throws Exception {
        fleet.acceptedMinion("web1", Map.of());
        Map<String, Object> r = ret(cli().publish("web1", "glob", "state.sls", List.of("broken"), Map.of(), 30), "web1");
        assertEquals(2L, r.get("retcode"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void startupStatesLandInTheJobCache() throws Exception {
        Minion m = fleet.startMinion("boot1", Map.of(), o -> o.put("startup_states", "highstate"));
        TestFleet.await(() -> fleet.master().keys().list().get(KeyState.PENDING).contains("boot1"), "pending key");
        fleet.master().keys().accept("boot1", false, false);
        TestFleet.await(() -> findJob("state.highstate", "boot1") != null, "startup highstate in the job cache",
                java.time.Duration.ofSeconds(40));
        String jid = findJob("state.highstate", "boot1");
        Map<String, Object> load = fleet.master().cache().load(jid).orElseThrow();
        assertEquals("boot1", load.get("tgt"));
        assertEquals("glob", load.get("tgt_type"));
        TestFleet.await(() -> fleet.master().cache().returns(jid).containsKey("boot1"), "startup return");
        Map<String, Object> ret = fleet.master().cache().returns(jid).get("boot1");
        assertEquals(0L, ret.get("retcode"), ret.toString());
        assertTrue(Files.exists(marker));
        Map<String, Object> listed = (Map<String, Object>) cli().runner("jobs.list_jobs", List.of(), Map.of());
        assertTrue(listed.containsKey(jid), listed.toString());
        assertTrue(m.connection().isAccepted());
    }

    @Test
    void scheduledJobsReturnToTheJobCache() throws Exception {
        fleet.startMinion("sched1", Map.of(), o -> o.put("schedule",
                Map.of("ping", Map.of("function", "test.ping", "seconds", 1L))));
        TestFleet.await(() -> fleet.master().keys().list().get(KeyState.PENDING).contains("sched1"), "pending key");
        fleet.master().keys().accept("sched1", false, false);
        TestFleet.await(() -> findJob("test.ping", "sched1") != null, "scheduled ping in the job cache");
        String jid = findJob("test.ping", "sched1");
        TestFleet.await(() -> fleet.master().cache().returns(jid).containsKey("sched1"), "scheduled return");
        Map<String, Object> ret = fleet.master().cache().returns(jid).get("sched1");
        assertEquals(true, ret.get("return"));
        assertEquals("ping", ret.get("schedule"));
    }

    private String findJob(String fun, String id) {
        for (Map.Entry<String, Map<String, Object>> e : fleet.master().cache().loads().entrySet()) {
            if (fun.equals(e.getValue().get("fun")) && id.equals(e.getValue().get("tgt"))) {
                return e.getKey();
            }
        }
        return null;
    }
}
