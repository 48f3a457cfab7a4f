package io.jsalt.minion.modules.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Return;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** state.apply / sls / highstate / single / top / test through a masterless minion's job path. */
class StateApplyTest {
    @TempDir
    Path dir;

    private static final String TOP = "base:\n  '*':\n    - web\n";
    private static final String WEB = "include:\n  - common\n"
            + "hello:\n  cmd.run:\n    - name: echo hello\n    - require:\n      - test: base-ok\n";
    private static final String COMMON = "base-ok:\n  test.succeed_without_changes\n";

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> byId(Object ret) {
        Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
        ((Map<String, Object>) ret).forEach((k, v) -> out.put(k.split("_\\|-", -1)[1], (Map<String, Object>) v));
        return out;
    }

    @Test
    void applyWithoutArgumentsRunsTheHighstateWithHighstateOutput() throws Exception {
        try (LocalMinion m = new LocalMinion(dir)) {
            m.write("top.sls", TOP);
            m.write("web.sls", WEB);
            m.write("common.sls", COMMON);
            Return r = m.call("state.apply", List.of(), Map.of());
            Map<String, Map<String, Object>> ret = byId(LocalMinion.ret(r));
            assertEquals(0, r.getRetcode(), ret.toString());
            assertEquals("highstate", Values.mapFromProto(r.getExtra()).get("out"));
            assertEquals(List.of("base-ok", "hello"), new ArrayList<>(ret.keySet()));
            Map<String, Object> hello = ret.get("hello");
            assertEquals("Command \"echo hello\" run", hello.get("comment"));
            assertEquals("hello", ((Map<?, ?>) hello.get("changes")).get("stdout"));
            for (String key : List.of("name", "changes", "result", "comment", "__sls__", "__run_num__",
                    "start_time", "duration", "__id__")) {
                assertTrue(hello.containsKey(key), key + " missing in " + hello);
            }
            assertEquals("web", hello.get("__sls__"));
            assertEquals(1L, hello.get("__run_num__"));
        }
    }

    /**
     * A pillar that failed to render stops every state run before it starts, with Salt's
     * list and retcode 5, EX_PILLAR_FAILURE (salt/modules/state.py _get_pillar_errors,
     * salt/defaults/exitcodes.py); force=True runs anyway, and show_sls reports it as
     * Salt's CommandExecutionError does, with retcode 1.
     */
    @Test
    void brokenPillarStopsStateRunsWithRetcodeFive() throws Exception {
        Path pillar = Files.createDirectories(dir.resolve("srv/pillar"));
        Files.writeString(pillar.resolve("top.sls"), "base:\n  '*':\n    - broken\n");
        Files.writeString(pillar.resolve("broken.sls"), "port: {{ nosuch.port }}\n");
        try (LocalMinion m = new LocalMinion(dir)) {
            m.write("top.sls", TOP);
            m.write("web.sls", COMMON);
            m.write("common.sls", COMMON);
            for (Return r : List.of(m.call("state.apply", List.of(), Map.of()),
                    m.call("state.sls", List.of("web"), Map.of()),
                    m.call("state.highstate", List.of(), Map.of()),
                    m.call("state.single", List.of("test.nop", "x"), Map.of()))) {
                Object ret = LocalMinion.ret(r);
                assertEquals(5, r.getRetcode(), ret.toString());
                assertInstanceOf(List.class, ret);
                assertEquals("Pillar failed to render with the following messages:", ((List<?>) ret).get(0));
                assertTrue(((List<?>) ret).get(1).toString().contains("broken"), ret.toString());
            }
            Return forced = m.call("state.sls", List.of("web"), Map.of("force", true));
            assertEquals(0, forced.getRetcode(), LocalMinion.ret(forced).toString());
            Return shown = m.call("state.show_sls", List.of("web"), Map.of());
            assertEquals(1, shown.getRetcode());
            assertTrue(LocalMinion.ret(shown).toString().startsWith("ERROR: Pillar failed to render"),
                    LocalMinion.ret(shown).toString());
        }
    }

    @Test
    void failedStateSetsRetcodeTwo() throws Exception {
        try (LocalMinion m = new LocalMinion(dir)) {
            Return r = m.sls("bad", "oops:\n  test.fail_without_changes\nafter:\n  test.nop\n");
            assertEquals(2, r.getRetcode());
            assertEquals(false, byId(LocalMinion.ret(r)).get("oops").get("result"));
        }
    }

    @Test
    void renderErrorIsAListWithRetcodeOne() throws Exception {
        try (LocalMinion m = new LocalMinion(dir)) {
            Return r = m.sls("broken", "a:\n  test.nop:\n    - name: [unclosed\n");
            assertEquals(1, r.getRetcode());
            assertInstanceOf(List.class, LocalMinion.ret(r));
            Return missing = m.call("state.sls", List.of("nope"), Map.of());
            assertEquals(1, missing.getRetcode());
            assertTrue(LocalMinion.ret(missing).toString().contains("No matching sls found for 'nope' in env 'base'"),
                    LocalMinion.ret(missing).toString());
        }
    }

    @Test
    void testModeChangesNothingAndReportsNone() throws Exception {
        try (LocalMinion m = new LocalMinion(dir)) {
            Path marker = dir.resolve("marker");
            m.write("touch.sls", "make:\n  cmd.run:\n    - name: touch " + marker + "\n    - creates: " + marker + "\n");
            Return r = m.call("state.test", List.of("touch"), Map.of());
            Map<String, Object> make = byId(LocalMinion.ret(r)).get("make");
            assertEquals(null, make.get("result"));
            assertEquals("Command \"touch " + marker + "\" would have been executed", make.get("comment"));
            assertFalse(Files.exists(marker));
            Return real = m.call("state.apply", List.of("touch"), Map.of());
            assertTrue(Files.exists(marker), LocalMinion.ret(real).toString());
            Return again = m.call("state.apply", List.of("touch"), Map.of());
            assertEquals(marker + " exists", byId(LocalMinion.ret(again)).get("make").get("comment"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void singleRunsOneStateFunction() throws Exception {
        try (LocalMinion m = new LocalMinion(dir)) {
            Return r = m.call("state.single", List.of("test.succeed_with_changes"), Map.of("name", "x"));
            Map<String, Object> ret = (Map<String, Object>) LocalMinion.ret(r);
            assertEquals(List.of("test_|-x_|-x_|-succeed_with_changes"), new ArrayList<>(ret.keySet()));
            Return bad = m.call("state.single", List.of("test.nope"), Map.of("name", "x"));
            assertEquals(List.of("Specified state 'test.nope' was not found"), LocalMinion.ret(bad));
            assertEquals(1, bad.getRetcode());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void highstateWithoutMatchesSaysSo() throws Exception {
        try (LocalMinion m = new LocalMinion(dir)) {
            m.write("top.sls", "base:\n  'other*':\n    - web\n");
            Return r = m.call("state.highstate", List.of(), Map.of());
            Map<String, Object> ret = (Map<String, Object>) LocalMinion.ret(r);
            Map<?, ?> none = (Map<?, ?>) ret.get("no_|-states_|-states_|-None");
            assertEquals("No Top file or master_tops data matches found. Please see master log for details.",
                    none.get("comment"));
            assertEquals(2, r.getRetcode());
        }
    }

    @Test
    void topAppliesAnotherTopFile() throws Exception {
        try (LocalMinion m = new LocalMinion(dir)) {
            m.write("top.sls", TOP);
            m.write("other_top.sls", "base:\n  '*':\n    - common\n");
            m.write("common.sls", COMMON);
            Return r = m.call("state.top", List.of("other_top.sls"), Map.of());
            assertEquals(List.of("base-ok"), new ArrayList<>(byId(LocalMinion.ret(r)).keySet()));
        }
    }

    @Test
    void secondRunIsRefusedNamingTheRunningJobOrWaitsWithQueue() throws Exception {
        try (LocalMinion m = new LocalMinion(dir)) {
            m.write("slow.sls", "wait:\n  cmd.run:\n    - name: sleep 1\n");
            m.write("quick.sls", "q:\n  test.nop\n");
            CompletableFuture<Return> first = CompletableFuture.supplyAsync(() -> m.call("state.sls", List.of("slow"), Map.of()));
            Thread.sleep(400);
            Return refused = m.call("state.sls", List.of("quick"), Map.of());
            assertEquals(1, refused.getRetcode());
            String msg = LocalMinion.ret(refused).toString();
            assertTrue(msg.contains("The function \"state.sls\" is running as PID " + ProcessHandle.current().pid()
                    + " and was started at "), msg);
            assertEquals(1, ((List<?>) LocalMinion.ret(m.call("state.running", List.of(), Map.of()))).size());
            Return queued = m.call("state.sls", List.of("quick"), Map.of("queue", true));
            assertEquals(0, queued.getRetcode(), LocalMinion.ret(queued).toString());
            assertTrue(first.get(10, TimeUnit.SECONDS).getRetcode() == 0);
            assertEquals(List.of(), LocalMinion.ret(m.call("state.running", List.of(), Map.of())));
        }
    }

    @Test
    void pillarOverrideReachesTemplatesAndStates() throws Exception {
        try (LocalMinion m = new LocalMinion(dir)) {
            m.write("p.sls", "check:\n  test.check_pillar:\n    - present:\n      - {{ pillar.get('key', 'missing') }}\n");
            Return r = m.call("state.sls", List.of("p"), Map.of("pillar", Map.of("key", "key")));
            assertEquals(true, byId(LocalMinion.ret(r)).get("check").get("result"), LocalMinion.ret(r).toString());
        }
    }

    @Test
    void pillarOverrideReachesSaltPillarGetInTheSls() throws Exception {
        // Salt's State compiles pillar with pillar_override merged before rendering
        // (salt/state.py State.__init__ / _gather_pillar), and __salt__['pillar.get'] reads
        // that __pillar__ (salt/modules/pillar.py get): both see the override.
        try (LocalMinion m = new LocalMinion(dir)) {
            m.write("q.sls", "check:\n  test.check_pillar:\n    - present:\n      - {{ salt['pillar.get']('key', 'missing') }}\n"
                    + "{% if salt['pillar.get']('nested:deep') != 'yes' %}{{ raise('salt pillar.get did not see the override') }}{% endif %}\n");
            Return r = m.call("state.sls", List.of("q"), Map.of("pillar", Map.of("key", "key", "nested", Map.of("deep", "yes"))));
            assertTrue(LocalMinion.ret(r) instanceof Map, LocalMinion.ret(r).toString());
            assertEquals(true, byId(LocalMinion.ret(r)).get("check").get("result"), LocalMinion.ret(r).toString());
        }
    }
}
