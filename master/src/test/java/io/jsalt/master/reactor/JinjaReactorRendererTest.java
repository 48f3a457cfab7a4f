package io.jsalt.master.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event data pasted into a reactor file stays one YAML value, whatever it contains. Salt
 * renders reactor files with Jinja then YAML (salt/utils/reactor.py render_reaction) and
 * pastes values as text, so there a minion id with a newline adds reactions; jsalt prints
 * every value as a YAML scalar instead.
 */
class JinjaReactorRendererTest {
    /** The id an attacker's minion sent, and everything else YAML gives a meaning to. */
    static final List<String> HOSTILE = List.of(
            "evil1\ninjected:\n  local.cmd.run:\n    - tgt: '*'\n    - arg: ['touch /tmp/pwned']",
            "a: b", "a:b", "x #comment", "#comment", "*alias", "&anchor x", "!!python/object x", "!tag",
            "{a: b}", "[a, b]", "a, b", "'q'", "\"dq\"", "it's", "- item", "-", "--", "-x: y", "? key",
            "| block", "> folded", "%YAML 1.1", "@at", "`tick", "x\r\ny: z", "x\ry: z", "x\u2028y: z",
            "x\u2029y", "x\u0085y: z", "...", "---", "--- x", "... x", "\ttab", " lead", "trail ", "",
            "\u001b[31mred", "nul\0byte", "back\\slash", "a\\nb", "\u202eevil", "x\ufeffy", "emoji \ud83d\ude00",
            "multi\n\nblank: 1\n", "key: {{ raw }}", "}", "]", ",", "a]", "a}", "a,b");

    @TempDir
    Path dir;

    private Map<String, Object> render(String sls, Map<String, Object> data) throws Exception {
        Path f = dir.resolve("r" + System.nanoTime() + ".sls");
        Files.writeString(f, sls);
        return new JinjaReactorRenderer(Map.of()).render(f, "salt/minion/x/start", data);
    }

    private static Map<String, Object> event(String id) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", id);
        d.put("data", new LinkedHashMap<>(Map.of("v", id, "nested", new LinkedHashMap<>(Map.of(id, List.of(id))))));
        return d;
    }

    @SuppressWarnings("unchecked")
    private static Object tgtOf(Map<String, Object> reactions, String name, String fun) {
        List<Object> args = (List<Object>) ((Map<String, Object>) reactions.get(name)).get(fun);
        return ((Map<String, Object>) args.get(0)).get("tgt");
    }

    @Test
    void theDocumentedStartReactionGetsTheIdAsOneValueWhateverItContains() throws Exception {
        String sls = "highstate_on_start:\n  local.state.apply:\n    - tgt: {{ data['id'] }}\n"
                + "refresh_dns:\n  runner.dns.refresh: []\n";
        Map<String, Object> harmless = render(sls, event("web1"));
        assertEquals("web1", tgtOf(harmless, "highstate_on_start", "local.state.apply"));
        for (String id : HOSTILE) {
            Map<String, Object> r = render(sls, event(id));
            assertEquals(harmless.keySet(), r.keySet(), "reactions for " + id);
            assertEquals(((Map<?, ?>) harmless.get("highstate_on_start")).keySet(),
                    ((Map<?, ?>) r.get("highstate_on_start")).keySet(), id);
            assertEquals(id, tgtOf(r, "highstate_on_start", "local.state.apply"), id);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void valuesInListsFlowCollectionsAndPrintedDictsStayValues() throws Exception {
        String sls = """
                run:
                  local.cmd.run:
                    - tgt: web1
                    - arg:
                      - {{ data['data']['v'] }}
                    - kwarg: {a: {{ data['id'] }}, b: [{{ data['id'] }}, {{ data['id'] }}]}
                    - ret: {{ data['data']['nested'] }}
                """;
        for (String id : HOSTILE) {
            Map<String, Object> r = render(sls, event(id));
            assertEquals(List.of("run"), new ArrayList<>(r.keySet()), id);
            List<Object> args = (List<Object>) ((Map<String, Object>) r.get("run")).get("local.cmd.run");
            assertEquals(4, args.size(), id);
            assertEquals(List.of(id), ((Map<String, Object>) args.get(1)).get("arg"), id);
            assertEquals(Map.of("a", id, "b", List.of(id, id)), ((Map<String, Object>) args.get(2)).get("kwarg"), id);
            assertEquals(Map.of(id, List.of(id)), ((Map<String, Object>) args.get(3)).get("ret"), id);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theJsonFilterStillPassesDataThrough() throws Exception {
        String sls = "x:\n  local.test.arg:\n    - tgt: web1\n    - kwarg: {{ data['data']|json }}\n";
        for (String id : HOSTILE) {
            Map<String, Object> r = render(sls, event(id));
            List<Object> args = (List<Object>) ((Map<String, Object>) r.get("x")).get("local.test.arg");
            Map<String, Object> kwarg = (Map<String, Object>) ((Map<String, Object>) args.get(1)).get("kwarg");
            assertEquals(id, kwarg.get("v"), id);
        }
    }

    @Test
    void harmlessValuesPrintAsSaltPrintsThem() throws Exception {
        String sls = "x:\n  local.test.arg:\n    - tgt: {{ data['id'] }}\n    - arg: [{{ data['n'] }}, {{ data['b'] }}, "
                + "{{ data['s'] }}, {{ tag }}]\n{% if data['id'].startswith('web') %}y:\n  runner.test.arg: []\n{% endif %}";
        Map<String, Object> data = new LinkedHashMap<>(Map.of("id", "web-01.example.com", "n", 5L, "b", true,
                "s", "db_2@east"));
        Map<String, Object> r = render(sls, data);
        assertEquals(List.of("x", "y"), new ArrayList<>(r.keySet()));
        assertEquals("{local.test.arg=[{tgt=web-01.example.com}, {arg=[5, true, db_2@east, salt/minion/x/start]}]}",
                r.get("x").toString());
    }

    @Test
    void theInjectedIdOfTheAttackAddsNoReaction() throws Exception {
        String sls = "highstate_on_start:\n  local.state.apply:\n    - tgt: {{ data['id'] }}\n";
        Map<String, Object> r = render(sls, event(HOSTILE.get(0)));
        assertFalse(r.containsKey("injected"));
        assertTrue(r.toString().contains("local.state.apply"));
    }
}
