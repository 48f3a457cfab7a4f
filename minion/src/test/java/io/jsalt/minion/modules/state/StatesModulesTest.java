package io.jsalt.minion.modules.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.proto.Return;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cmd.*, module.* and schedule.* as a masterless minion runs them. */
class StatesModulesTest {
    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> state(Return r, String id) {
        for (Map.Entry<String, Object> e : ((Map<String, Object>) LocalMinion.ret(r)).entrySet()) {
            if (e.getKey().split("_\\|-", -1)[1].equals(id)) {
                return (Map<String, Object>) e.getValue();
            }
        }
        throw new AssertionError("no " + id + " in " + LocalMinion.ret(r));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> changes(Return r, String id) {
        return (Map<String, Object>) state(r, id).get("changes");
    }

    /** Applies one SLS file, written to a fresh local minion's state tree. */
    private Return sls(String name, String text) throws Exception {
        try (LocalMinion m = new LocalMinion(dir)) {
            return m.sls(name, text);
        }
    }

    @Test
    void cmdRunTakesCwdEnvAndShellAndReportsItsOutput() throws Exception {
        Return r = sls("c", "show:\n  cmd.run:\n    - name: echo \"$GREETING from $(pwd)\"\n    - cwd: " + dir + "\n"
                + "    - env:\n      - GREETING: hi\n"
                + "bad-cwd:\n  cmd.run:\n    - name: 'true'\n    - cwd: /nonexistent/dir\n"
                + "fails:\n  cmd.run:\n    - name: 'exit 3'\n");
        assertEquals("hi from " + dir, changes(r, "show").get("stdout"));
        assertEquals("Desired working directory \"/nonexistent/dir\" is not available", state(r, "bad-cwd").get("comment"));
        assertEquals(false, state(r, "fails").get("result"));
        assertEquals(3L, changes(r, "fails").get("retcode"));
        assertEquals(2, r.getRetcode());
    }

    /**
     * cmd.script refuses what cmd.run refuses, in the same order (salt/states/cmd.py checks a
     * malformed env, then test mode, then cwd in both): a bad env and a missing cwd fail, and
     * test mode answers with script's own quoting, 'name' where run says "name".
     */
    @Test
    void cmdScriptRefusesABadEnvOrCwdAndOnlyDescribesItselfInTestMode() throws Exception {
        Path script = dir.resolve("s.sh");
        Path marker = dir.resolve("ran");
        Files.writeString(script, "#!/bin/sh\ntouch " + marker + "\n");
        Return r = sls("s", "bad-env:\n  cmd.script:\n    - name: " + script + "\n    - env: 'A=1'\n"
                + "bad-cwd:\n  cmd.script:\n    - name: " + script + "\n    - cwd: /nonexistent/dir\n");
        assertEquals("Invalidly-formatted 'env' parameter. See documentation.", state(r, "bad-env").get("comment"));
        assertEquals(false, state(r, "bad-env").get("result"));
        assertEquals("Desired working directory \"/nonexistent/dir\" is not available", state(r, "bad-cwd").get("comment"));
        assertTrue(!Files.exists(marker), "a refused script ran");
        try (LocalMinion m = new LocalMinion(dir)) {
            m.write("t.sls", "try:\n  cmd.script:\n    - name: " + script + "\n");
            Map<String, Object> shown = state(m.call("state.test", List.of("t"), Map.of()), "try");
            assertEquals(null, shown.get("result"));
            assertEquals("Command '" + script + "' would have been executed", shown.get("comment"));
        }
        assertTrue(!Files.exists(marker), "test mode ran the script");
    }

    @Test
    void unlessAndOnlyifSkipTheCommand() throws Exception {
        Return r = sls("u", "skipped:\n  cmd.run:\n    - name: 'false'\n    - unless: 'true'\n"
                + "not-skipped:\n  cmd.run:\n    - name: 'true'\n    - onlyif: 'true'\n"
                + "onlyif-false:\n  cmd.run:\n    - name: 'false'\n    - onlyif:\n      - 'true'\n      - 'false'\n");
        assertEquals("unless condition is true", state(r, "skipped").get("comment"));
        assertEquals(true, state(r, "skipped").get("result"));
        assertEquals("Command \"true\" run", state(r, "not-skipped").get("comment"));
        assertEquals("onlyif condition is false", state(r, "onlyif-false").get("comment"));
        assertEquals(0, r.getRetcode());
    }

    @Test
    void cmdWaitRunsOnlyWhenWatchedStateChanges() throws Exception {
        Return r = sls("w", "changer:\n  test.succeed_with_changes\nquiet:\n  test.succeed_without_changes\n"
                + "on-change:\n  cmd.wait:\n    - name: echo fired\n    - watch:\n      - test: changer\n"
                + "on-quiet:\n  cmd.wait:\n    - name: echo never\n    - watch:\n      - test: quiet\n");
        assertEquals("fired", changes(r, "on-change").get("stdout"));
        assertEquals(Map.of(), state(r, "on-quiet").get("changes"));
    }

    @Test
    void statefulCommandReportsItsOwnChanges() throws Exception {
        Return r = sls("s", "kv:\n  cmd.run:\n    - name: echo working; echo \"changed=yes comment='did it'\"\n"
                + "    - stateful: True\n"
                + "json:\n  cmd.run:\n    - name: 'echo ''{\"changed\": false, \"comment\": \"nothing\"}'''\n"
                + "    - stateful: True\n");
        assertEquals("did it", state(r, "kv").get("comment"));
        assertEquals("working", changes(r, "kv").get("stdout"));
        assertEquals("nothing", state(r, "json").get("comment"));
        assertEquals(Map.of(), state(r, "json").get("changes"));
    }

    @Test
    void cmdScriptRunsAScriptFromTheStateTree() throws Exception {
        try (LocalMinion m = new LocalMinion(dir)) {
            m.write("scripts/hello.sh", "#!/bin/sh\necho \"hello $1\"\n");
            Return r = m.sls("sc", "salt://scripts/hello.sh:\n  cmd.script:\n    - args: world\n"
                    + "missing:\n  cmd.script:\n    - source: salt://scripts/nope.sh\n");
            assertEquals("hello world", changes(r, "salt://scripts/hello.sh").get("stdout"));
            assertEquals("Unable to cache script salt://scripts/nope.sh from saltenv 'base'", state(r, "missing").get("comment"));
        }
    }

    @Test
    void moduleRunCallsExecutionFunctionsInBothSyntaxes() throws Exception {
        try (LocalMinion m = new LocalMinion(dir)) {
            Return r = m.sls("mod", "new:\n  module.run:\n    - test.echo:\n      - text: hi\n"
                    + "legacy:\n  module.run:\n    - name: test.echo\n    - text: old\n"
                    + "missing:\n  module.run:\n    - test.nosuch: []\n");
            assertEquals("test.echo: hi", state(r, "new").get("comment"));
            assertEquals(Map.of("test.echo", "hi"), state(r, "new").get("changes"));
            assertEquals("Module function test.echo executed", state(r, "legacy").get("comment"));
            assertEquals("Unavailable function: test.nosuch.", state(r, "missing").get("comment"));
            Return t = m.call("state.sls", List.of("mod"), Map.of("test", true));
            assertEquals(null, state(t, "new").get("result"));
        }
    }

    @Test
    void scheduleFunctionsAddListDisableDelete() throws Exception {
        try (LocalMinion m = new LocalMinion(dir)) {
            Return add = m.call("schedule.add", List.of("hs"), Map.of("function", "state.apply", "minutes", 30L));
            assertEquals("Added job: hs to schedule.", ((Map<?, ?>) LocalMinion.ret(add)).get("comment"));
            String listing = (String) LocalMinion.ret(m.call("schedule.list", List.of(), Map.of()));
            assertTrue(listing.startsWith("schedule:\n  hs:\n"), listing);
            assertTrue(listing.contains("function: state.apply") && listing.contains("saved: true"), listing);
            Return dis = m.call("schedule.disable_job", List.of("hs"), Map.of());
            assertEquals("Disabled Job hs in schedule.", ((Map<?, ?>) LocalMinion.ret(dis)).get("comment"));
            assertEquals(false, ((Map<?, ?>) LocalMinion.ret(m.call("schedule.is_enabled", List.of("hs"), Map.of())))
                    .get("enabled"));
            Return del = m.call("schedule.delete", List.of("hs"), Map.of());
            assertEquals("Deleted Job hs from schedule.", ((Map<?, ?>) LocalMinion.ret(del)).get("comment"));
            assertTrue(Files.readString(dir.resolve("etc/minion.d/_schedule.conf")).contains("schedule: {}"));
        }
    }
}
