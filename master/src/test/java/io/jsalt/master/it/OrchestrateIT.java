package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.master.events.EventBus;
import io.jsalt.minion.Minion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * state.orchestrate end to end: a real master and minions over TLS, orchestration files
 * rendered on the master and run with the state engine. Return shapes, comments and result
 * rules follow Salt's salt/runners/state.py (orchestrate) and salt/states/saltmod.py
 * (state, function, runner, wait_for_event).
 */
class OrchestrateIT extends FleetCase {
    private static final String INFRA = "infra:\n  hosts_entries:\n    db1: 10.77.0.13\n    db2: 10.77.0.15\n"
            + "    # The primary: move it by editing this line.\n    masterdb: db1\n";
    private Path fileRoot;
    private Path pillarRoot;
    private String masterId;

    @BeforeEach
    void start() throws Exception {
        fileRoot = tmp.resolve("salt");
        pillarRoot = tmp.resolve("pillar");
        write(pillarRoot, "top.sls", "base:\n  '*':\n    - infra\n");
        write(pillarRoot, "infra.sls", INFRA);
        // Minion-side states the orchestrations apply.
        write(fileRoot, "seed.sls", "seed-up:\n  test.succeed_with_changes\n");
        write(fileRoot, "promote.sls", "promoted:\n  test.succeed_with_changes\n");
        write(fileRoot, "marker.sls", "marker:\n  cmd.run:\n    - name: touch " + tmp.resolve("marker") + "\n"
                + "    - creates: " + tmp.resolve("marker") + "\n");
        fleet = new TestFleet(tmp).startMaster(o -> {
            o.put("file_roots", Map.of("base", List.of(fileRoot.toString())));
            o.put("pillar_roots", Map.of("base", List.of(pillarRoot.toString())));
            o.put("id", "orchmaster_master");
            o.put("timeout", 2L);
            // find_job's own answer may take more than the test fleet's 1 s on a loaded build
            // host; a late answer would count a minion still running its job as gone.
            o.put("gather_job_timeout", 10L);
        });
        masterId = "orchmaster_master";
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> orchestrate(String sls, Map<String, Object> kwargs) throws Exception {
        return (Map<String, Object>) cli().runner("state.orchestrate", List.of(sls), kwargs);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> steps(Map<String, Object> ret) {
        return (Map<String, Object>) ((Map<String, Object>) ret.get("data")).get(masterId);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> step(Map<String, Object> steps, String tagPart) {
        return (Map<String, Object>) steps.entrySet().stream().filter(e -> e.getKey().contains("_|-" + tagPart + "_|-"))
                .findFirst().orElseThrow(() -> new AssertionError("no step " + tagPart + " in " + steps.keySet()))
                .getValue();
    }

    @SuppressWarnings("unchecked")
    private static List<String> runOrder(Map<String, Object> steps) {
        List<String> ids = new ArrayList<>();
        steps.values().stream().map(v -> (Map<String, Object>) v)
                .sorted(Comparator.comparing(v -> (Long) v.get("__run_num__")))
                .forEach(v -> ids.add((String) v.get("__id__")));
        return ids;
    }

    @Test
    @SuppressWarnings("unchecked")
    void orderedStepsAcrossTwoMinionsWithThePillarArgumentInTheTemplate() throws Exception {
        fleet.acceptedMinion("db1", Map.of());
        fleet.acceptedMinion("web1", Map.of());
        // The app tier is declared first but requires the seed; order: puts the runner last.
        write(fileRoot, "orch/startup.sls", ""
                + "app:\n  salt.function:\n    - name: test.echo\n    - tgt: {{ salt['pillar.get']('app') }}\n"
                + "    - arg: [started after {{ pillar['infra']['hosts_entries']['masterdb'] }} with"
                + " {{ salt['saltutil.runner']('manage.present') | length }} up]\n"
                + "    - require:\n      - salt: seed\n"
                + "seed:\n  salt.state:\n    - tgt: db1\n    - sls: seed\n"
                + "report:\n  salt.runner:\n    - name: jobs.list_jobs\n    - search_function: state.sls\n"
                + "    - order: last\n");

        Map<String, Object> ret = orchestrate("orch.startup", Map.of("pillar", Map.of("app", "web1")));

        assertEquals(0L, ret.get("retcode"), ret.toString());
        assertEquals("highstate", ret.get("outputter"));
        Map<String, Object> steps = steps(ret);
        assertEquals(List.of("seed", "app", "report"), runOrder(steps));

        Map<String, Object> seed = step(steps, "seed");
        assertEquals(true, seed.get("result"));
        assertEquals("States ran successfully. Updating db1.", seed.get("comment"));
        Map<String, Object> seedChanges = (Map<String, Object>) seed.get("changes");
        assertEquals("highstate", seedChanges.get("out"));
        assertTrue(((Map<String, Object>) seedChanges.get("ret")).containsKey("db1"));

        Map<String, Object> app = step(steps, "app");
        assertEquals("Function ran successfully. Function test.echo ran on web1.", app.get("comment"));
        assertEquals(Map.of("out", "highstate", "ret", Map.of("web1", "started after db1 with 2 up")),
                app.get("changes"));
        // Each step's job is in the job cache under its __jid__, published in order.
        String seedJid = (String) seed.get("__jid__");
        String appJid = (String) app.get("__jid__");
        assertTrue(seedJid.compareTo(appJid) < 0, seedJid + " before " + appJid);
        assertEquals("test.echo", fleet.master().cache().returns(appJid).get("web1").get("fun"));

        Map<String, Object> report = step(steps, "report");
        assertEquals("Runner function 'jobs.list_jobs' executed.", report.get("comment"));
        Map<String, Object> listed = (Map<String, Object>) ((Map<String, Object>) report.get("changes")).get("return");
        assertTrue(listed.containsKey(seedJid), "the runner got its keyword argument: " + listed.keySet());
        assertFalse(listed.containsKey(appJid));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anUnreachableNewPrimaryFailsItsStepStopsTheSwitchAndRunsTheRelease() throws Exception {
        fleet.acceptedMinion("db1", Map.of());
        Minion db2 = fleet.acceptedMinion("db2", Map.of());
        db2.close();
        TestFleet.await(() -> !fleet.master().minions().connectedIds().contains("db2"), "db2 disconnected");
        write(fileRoot, "orch/move.sls", ""
                + "promote:\n  salt.state:\n    - tgt: {{ pillar['new'] }}\n    - sls: promote\n"
                + "switch:\n  salt.runner:\n    - name: pillar.edit\n"
                + "    - arg: [infra:hosts_entries:masterdb, {{ pillar['new'] }}]\n"
                + "    - require:\n      - salt: promote\n"
                + "release:\n  salt.function:\n    - name: test.echo\n    - tgt: db1\n    - arg: [released]\n"
                + "    - onfail:\n      - salt: promote\n");

        Map<String, Object> ret = orchestrate("orch.move", Map.of("pillar", Map.of("new", "db2")));

        assertEquals(1L, ret.get("retcode"));
        Map<String, Object> steps = steps(ret);
        Map<String, Object> promote = step(steps, "promote");
        assertEquals(false, promote.get("result"));
        assertTrue(((String) promote.get("comment")).startsWith("Run failed on minions: db2\nFailures:\n    db2:\n"
                + "        Minion did not respond"), (String) promote.get("comment"));
        Map<String, Object> sw = step(steps, "switch");
        assertEquals(false, sw.get("result"));
        assertTrue(((String) sw.get("comment")).startsWith("One or more requisite failed"), sw.toString());
        assertEquals(INFRA, Files.readString(pillarRoot.resolve("infra.sls")), "the pillar was not switched");
        Map<String, Object> release = step(steps, "release");
        assertEquals(true, release.get("result"), release.toString());
        assertEquals(Map.of("db1", "released"), ((Map<String, Object>) release.get("changes")).get("ret"));

        // The same orchestration to a reachable primary switches the pillar, and release does not run.
        ret = orchestrate("orch.move", Map.of("pillar", Map.of("new", "db1")));
        assertEquals(0L, ret.get("retcode"), ret.toString());
        sw = step(steps(ret), "switch");
        assertEquals(Map.of("return", Map.of("file", pillarRoot.resolve("infra.sls").toString(),
                "key", "infra:hosts_entries:masterdb", "old", "db1", "new", "db1")), sw.get("changes"));
        assertEquals("State was not run because onfail req did not change",
                step(steps(ret), "release").get("comment"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFailingFunctionStopsItsDependantsAndFailMinionsExcusesOne() throws Exception {
        fleet.acceptedMinion("db1", Map.of());
        write(fileRoot, "orch/fails.sls", ""
                + "check:\n  salt.function:\n    - name: test.retcode\n    - tgt: db1\n    - arg: [3]\n"
                + "after:\n  salt.function:\n    - name: test.ping\n    - tgt: db1\n    - require:\n"
                + "      - salt: check\n"
                + "nobody:\n  salt.state:\n    - tgt: nosuch*\n    - sls: seed\n"
                + "excused:\n  salt.state:\n    - tgt: db1\n    - sls: broken\n    - fail_minions: db1\n"
                + "batched:\n  salt.function:\n    - name: test.ping\n    - tgt: db1\n    - batch: 10%\n");
        write(fileRoot, "broken.sls", "fails:\n  test.fail_without_changes\n");
        Map<String, Object> steps = steps(orchestrate("orch.fails", Map.of()));
        Map<String, Object> check = step(steps, "check");
        assertEquals(false, check.get("result"));
        assertEquals("Running function test.retcode failed on minions: db1 Function test.retcode ran on db1.",
                check.get("comment"));
        assertNull(step(steps, "after").get("__jid__"), "a dependant of a failed step publishes nothing");
        assertTrue(((String) step(steps, "after").get("comment")).startsWith("One or more requisite failed"));
        assertEquals("No minions returned", step(steps, "nobody").get("comment"));
        Map<String, Object> excused = step(steps, "excused");
        assertEquals(true, excused.get("result"), excused.toString());
        assertTrue(((String) excused.get("comment")).startsWith("States ran successfully.\nFailures:\n    db1:\n"),
                (String) excused.get("comment"));
        assertEquals("batch is not supported in orchestration steps; target the minions in several steps",
                step(steps, "batched").get("comment"));
    }

    @Test
    void aStepWaitsWhileItsMinionStillRunsTheJobPastTheTimeout() throws Exception {
        // saltutil.cmd keeps waiting while find_job says the minion runs the job; a long
        // state run is not a minion that did not respond.
        fleet.acceptedMinion("db1", Map.of());
        write(fileRoot, "orch/slow.sls", "slow:\n  salt.function:\n    - name: test.sleep\n    - tgt: db1\n"
                + "    - arg: [3]\n    - timeout: 1\n");
        Map<String, Object> slow = step(steps(orchestrate("orch.slow", Map.of())), "slow");
        assertEquals("Function ran successfully. Function test.sleep ran on db1.", slow.get("comment"), slow.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void waitForEventIsSatisfiedByEventsFromTheListAndTimesOutOtherwise() throws Exception {
        write(fileRoot, "orch/wait.sls", ""
                + "ready:\n  salt.wait_for_event:\n    - name: fleet/ready/*\n    - id_list: [db1, db2]\n"
                + "    - timeout: 60\n"
                + "lonely:\n  salt.wait_for_event:\n    - name: fleet/never\n    - id_list: [db1]\n"
                + "    - timeout: 1\n    - require:\n      - salt: ready\n");
        EventBus bus = fleet.master().hub().bus();
        CompletableFuture<Map<String, Object>> run = CompletableFuture.supplyAsync(() -> {
            try {
                return orchestrate("orch.wait", Map.of());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // The step only sees events fired after it starts listening (as Salt's): fire the
        // events until the orchestration has finished with them.
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!run.isDone() && System.nanoTime() < end) {
            bus.fire("fleet/ready/db1", Map.of("id", "db1"));
            bus.fire("fleet/other", Map.of("id", "db2"));
            bus.fire("fleet/ready/x", Map.of("data", Map.of("id", "db2")));
            try {
                run.get(50, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // still waiting: fire again
            }
        }
        Map<String, Object> ret = run.get(1, TimeUnit.SECONDS);
        Map<String, Object> steps = steps(ret);
        Map<String, Object> ready = step(steps, "ready");
        assertEquals(true, ready.get("result"), ready.toString());
        assertTrue(((String) ready.get("comment")).matches("All events seen in [0-9.E-]+ seconds\\."),
                (String) ready.get("comment"));
        assertEquals(Map.of("minions_seen", List.of("db1", "db2")), ready.get("changes"));
        Map<String, Object> lonely = step(steps, "lonely");
        assertEquals(false, lonely.get("result"));
        assertEquals("Timeout value reached.", lonely.get("comment"));
        assertEquals(1L, ret.get("retcode"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void testModeChangesNothingAndSaysWhatEachStepWouldDo() throws Exception {
        fleet.acceptedMinion("db1", Map.of());
        write(fileRoot, "orch/all.sls", ""
                + "mark:\n  salt.state:\n    - tgt: db1\n    - sls: [marker, seed]\n"
                + "echo:\n  salt.function:\n    - name: test.echo\n    - tgt: db1\n    - arg: [hi]\n"
                + "switch:\n  salt.runner:\n    - name: pillar.edit\n    - arg: [infra:hosts_entries:masterdb, db2]\n"
                + "wait:\n  salt.wait_for_event:\n    - name: never\n    - id_list: [db1]\n");

        Map<String, Object> ret = orchestrate("orch.all", Map.of("test", true));

        assertEquals(0L, ret.get("retcode"), ret.toString());
        Map<String, Object> steps = steps(ret);
        Map<String, Object> mark = step(steps, "mark");
        // seed's test state reports changes in test mode: the step's result is None (Salt's rule).
        assertNull(mark.get("result"), mark.toString());
        assertEquals("States ran successfully. Updating db1.", mark.get("comment"));
        assertFalse(Files.exists(tmp.resolve("marker")), "test=True reached the minion: nothing ran");
        String jid = (String) mark.get("__jid__");
        assertEquals(Map.of("test", true, "saltenv", "base", "queue", false, "concurrent", false),
                fleet.master().cache().load(jid).orElseThrow().get("kwargs"));
        assertEquals("Function test.echo would be executed on target db1", step(steps, "echo").get("comment"));
        assertEquals("Runner function 'pillar.edit' would be executed.", step(steps, "switch").get("comment"));
        assertEquals("Orchestration would wait for event 'never'", step(steps, "wait").get("comment"));
        assertEquals(INFRA, Files.readString(pillarRoot.resolve("infra.sls")));
    }

    @Test
    void jsaltRunPrintsTheHighstateOfTheMasterIdAndExitsWithTheRetcode() throws Exception {
        // Salt's salt-run prints an orchestration with the highstate outputter under the
        // master's id and exits with the runner's retcode (salt/cli/run.py, salt/runners/state.py).
        Path conf = tmp.resolve("cli-conf");
        Files.createDirectories(conf);
        Files.writeString(conf.resolve("master"), "root_dir: " + tmp.resolve("master-root") + "\n"
                + "sock_dir: /run/sock\n");
        write(fileRoot, "orch/cli.sls", "listed:\n  salt.runner:\n    - name: jobs.list_jobs\n"
                + "{% if pillar.get('bad') %}\nbroken:\n  salt.runner:\n    - name: nosuch.runner\n{% endif %}\n");

        io.jsalt.master.cli.CommandRun ok = io.jsalt.master.cli.CommandRun.run(conf,
                io.jsalt.master.cli.JsaltRunMain::new, "--no-color", "state.orchestrate", "orch.cli");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().startsWith(masterId + ":\n----------\n          ID: listed\n    Function: salt.runner\n"
                + "        Name: jobs.list_jobs\n      Result: True\n     Comment: Runner function 'jobs.list_jobs'"
                + " executed.\n"), ok.out());
        assertTrue(ok.out().contains("Succeeded: 1 (changed=1)\nFailed:    0\n"), ok.out());

        io.jsalt.master.cli.CommandRun bad = io.jsalt.master.cli.CommandRun.run(conf,
                io.jsalt.master.cli.JsaltRunMain::new, "--no-color", "state.orch", "orch.cli", "pillar={bad: 1}");
        assertEquals(1, bad.code(), bad.out() + bad.err());
        assertTrue(bad.out().contains("     Comment: Runner function 'nosuch.runner' failed.\n"), bad.out());
        assertTrue(bad.out().contains("Failed:    1\n"), bad.out());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBrokenOrchestrationFileIsOneErrorNamingTheFileAndLine() throws Exception {
        write(fileRoot, "orch/broken.sls", "first:\n  salt.function:\n    - name: test.ping\n  - tgt: '*'\n");
        Map<String, Object> ret = orchestrate("orch.broken", Map.of());
        assertEquals(1L, ret.get("retcode"));
        List<Object> errors = (List<Object>) ((Map<String, Object>) ret.get("data")).get(masterId);
        assertEquals(1, errors.size(), errors.toString());
        String e = (String) errors.get(0);
        assertTrue(e.contains("orch.broken") && e.contains("line 4"), e);

        Object missing = cli().runner("state.orchestrate", List.of("orch.nosuch"), Map.of());
        assertEquals(List.of("No matching sls found for 'orch.nosuch' in env 'base'"),
                ((Map<String, Object>) ((Map<String, Object>) missing).get("data")).get(masterId));
    }
}
