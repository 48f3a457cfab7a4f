package io.jsalt.minion.modules.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import io.jsalt.common.proto.Return;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Jinja idioms of public Salt formulas that jsalt-compat found jsalt lacking
 * (docs/compatibility.md), reproduced by a small formula written for this test
 * (src/test/resources/formula-idioms): its map.jinja uses each idiom once, its init.sls shows
 * the results. Rendered and dry-run through a masterless minion's job path, as jsalt-compat does.
 */
class FormulaIdiomsTest {
    @TempDir
    Path dir;

    private LocalMinion minion() throws Exception {
        LocalMinion m = new LocalMinion(dir);
        Path fixture = Path.of(getClass().getResource("/formula-idioms").toURI());
        try (Stream<Path> files = Files.walk(fixture.resolve("idioms"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                m.write(fixture.relativize(f).toString(), Files.readString(f));
            }
        }
        Files.writeString(dir.resolve("srv/pillar/top.sls"), "base:\n  '*':\n    - example\n");
        Files.copy(fixture.resolve("pillar.example"), dir.resolve("srv/pillar/example.sls"));
        m.call("saltutil.refresh_pillar", List.of(), Map.of());
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> args(Object high, String id) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object part : (List<Object>) ((Map<String, Object>) ((Map<String, Object>) high).get(id)).get("test")) {
            if (part instanceof Map<?, ?> m) {
                ((Map<String, Object>) m).forEach(out::put);
            }
        }
        return out;
    }

    /**
     * salt/modules/defaults.py merge: dest is updated in place (salt.utils.dictupdate.update;
     * merge_lists appends the items dest lacks), so the formula never assigns its result.
     * salt/modules/slsutil.py merge (strategy recurse): a new dict. A call's **mapping spreads
     * into keyword arguments, as in Python. jinja2/filters.py do_default takes boolean= by name.
     * jinja2/parser.py applies filters before tests, so x|default(none) is callable tests the
     * filtered value; salt['missing.fun'] is a KeyError in Salt, hence not callable. Python's
     * str.rpartition, and str * bool repetition (libmapstack.jinja's "sub key " * is_sub_key).
     * A macro's defaults may hold escapes and commas (jinja2/parser.py parse_signature); Salt's
     * yaml filter is PyYAML's safe_dump (salt/utils/jinja.py SerializerExtension.format_yaml),
     * which single-quotes multi-line text, so it stays one value on its SLS line; *args spreads
     * into a call (jinja2/parser.py parse_call_args) and str.format takes format specs. Salt's
     * templates have odict (salt/utils/templates.py render_jinja_tmpl), and a string index past
     * the end is undefined (jinja2/environment.py getitem), so default() applies.
     */
    @Test
    void formulaIdiomsRenderAsSaltRendersThem() throws Exception {
        try (LocalMinion m = minion()) {
            Return r = m.call("state.show_sls", List.of("idioms"), Map.of());
            Object high = LocalMinion.ret(r);
            assertEquals(0, r.getRetcode(), String.valueOf(high));
            Map<String, Object> a = args(high, "idioms-config");
            assertEquals(Data.map("port", 8080L, "hosts", List.of("b", "a", "c")), a.get("config"));
            assertEquals("idioms-from-pillar", a.get("pkg"));
            assertEquals(Data.map("values", Map.of()), a.get("stack"));
            assertEquals(true, a.get("has_ping"));
            assertEquals(false, a.get("has_nope"));
            assertEquals("jinja", a.get("extension"));
            assertEquals("sub key x", a.get("label"));
            assertEquals("global,www /run/php-fpm.pid", a.get("fpm"));
            assertEquals("none", a.get("first_ip"));
            assertEquals("Welcome\nto web1\n", a.get("banner"));
            assertEquals("listen 80, 443;\n", a.get("conf"));
            assertEquals("local  |all", a.get("hba"));
            assertEquals("spread", a.get("echoed"));
        }
    }

    /**
     * salt/states/service.py running: a service that is not installed yet is, with test=True,
     * "not present; if created in this state run, it would have been started" with result None,
     * so a formula's dry-run passes before its package is installed; a real run fails.
     */
    @Test
    @SuppressWarnings("unchecked")
    void dryRunOfAServiceNotYetInstalledIsNoneAsInSalt() throws Exception {
        try (LocalMinion m = minion()) {
            Map<String, Object> results = (Map<String, Object>) LocalMinion.ret(
                    m.call("state.apply", List.of("idioms"), Map.of("test", true)));
            Map<String, Object> service = (Map<String, Object>) results.get(
                    "service_|-idioms-service_|-jsalt-idioms-not-installed_|-running");
            assertNull(service.get("result"), String.valueOf(service));
            assertEquals("Service jsalt-idioms-not-installed not present; if created in this state run, it would "
                    + "have been started", service.get("comment"));
            Map<String, Object> real = (Map<String, Object>) ((Map<String, Object>) LocalMinion.ret(
                    m.call("state.apply", List.of("idioms"), Map.of()))).get(
                    "service_|-idioms-service_|-jsalt-idioms-not-installed_|-running");
            assertEquals(false, real.get("result"));
            assertEquals("The named service jsalt-idioms-not-installed is not available", real.get("comment"));
        }
    }

    /**
     * The sudoers formula's file.managed check_cmd ({@code visudo -c -f}): file.managed runs it
     * on the new content's temp file, and since the file states have mod_run_check_cmd the state
     * run does not run it again with no file (salt/state.py call, salt/states/file.py).
     */
    @Test
    @SuppressWarnings("unchecked")
    void fileManagedCheckCmdRunsOnlyOnTheNewContent() throws Exception {
        try (LocalMinion m = minion()) {
            Path out = dir.resolve("out/checked.conf");
            m.write("checked/init.sls", "checked:\n  file.managed:\n    - name: " + out + "\n    - contents: good\n"
                    + "    - makedirs: True\n    - check_cmd: grep -q good\n");
            Map<String, Object> results = (Map<String, Object>) LocalMinion.ret(
                    m.call("state.apply", List.of("checked"), Map.of()));
            Map<String, Object> r = (Map<String, Object>) results.values().iterator().next();
            assertEquals(true, r.get("result"), String.valueOf(r));
            assertEquals("good", Files.readString(out).strip());
            // A check that fails keeps the new content out (salt/states/file.py managed hands
            // check_cmd to file.manage_file, which runs it on the temp file before moving it).
            Path refused = dir.resolve("out/refused.conf");
            m.write("refused/init.sls", "refused:\n  file.managed:\n    - name: " + refused + "\n    - contents: bad\n"
                    + "    - makedirs: True\n    - check_cmd: grep -q good\n");
            Map<String, Object> failed = (Map<String, Object>) ((Map<String, Object>) LocalMinion.ret(
                    m.call("state.apply", List.of("refused"), Map.of()))).values().iterator().next();
            assertEquals(false, failed.get("result"), String.valueOf(failed));
            assertFalse(Files.exists(refused), "a file whose check_cmd failed was written");
        }
    }

    /**
     * The apache formula includes only the module states its tree has, from
     * salt['cp.list_states']() (salt/modules/cp.py list_states, salt/fileclient.py list_states:
     * a/init.sls is a, a/b.sls is a.b, sorted; files that are not SLS are not states).
     */
    @Test
    void cpListStatesNamesTheTreesSls() throws Exception {
        try (LocalMinion m = minion()) {
            m.write("listing/init.sls", "{%- set states = salt['cp.list_states']() %}\nlisting:\n  test.nop:\n"
                    + "    - states: {{ states | json }}\n    - has_mod: {{ 'listing.mods.ssl' in states }}\n");
            m.write("listing/mods/ssl.sls", "{}\n");
            m.write("listing/files/ssl.conf", "not a state\n");
            Return r = m.call("state.show_sls", List.of("listing"), Map.of());
            Object high = LocalMinion.ret(r);
            assertEquals(0, r.getRetcode(), String.valueOf(high));
            Map<String, Object> a = args(high, "listing");
            assertEquals(List.of("idioms", "listing", "listing.mods.ssl"), a.get("states"));
            assertEquals(true, a.get("has_mod"));
        }
    }

    /**
     * salt/modules/slsutil.py renderer: a file (salt:// or an absolute local path) or a string
     * through a renderer pipe (salt/template.py compile_template): data for jinja|yaml, text for
     * jinja, a shebang line overriding default_renderer, other keyword arguments as template
     * variables, and {} for a file that does not exist, as the openssh formula's
     * gather_host_keys reads opts['config_dir'] ~ '/roster' on a host without a roster.
     */
    @Test
    void slsutilRendererRunsAFileThroughARendererPipe() throws Exception {
        try (LocalMinion m = minion()) {
            m.write("rend/map.sls", "{% set port = 80 %}\nweb:\n  port: {{ port * 2 }}\n  host: {{ grains.id }}\n");
            m.write("rend/plain.sls", "#!yaml\nkey: '{{ not rendered }}'\n");
            m.write("rend/motd.jinja", "Hello {{ who }}, {{ 2 + 2 }}\n");
            m.write("rend/init.sls", """
                    {%- set data = salt['slsutil.renderer']('salt://rend/map.sls') %}
                    {%- set plain = salt.slsutil.renderer(path='salt://rend/plain.sls', default_renderer='jinja') %}
                    {%- set text = salt['slsutil.renderer']('salt://rend/motd.jinja', default_renderer='jinja', who='you') %}
                    {%- set inline = salt['slsutil.renderer'](string='{{ greeting }} {{ saltenv }}', default_renderer='jinja', greeting='hi') %}
                    {%- set missing = salt.slsutil.renderer(opts['config_dir'] ~ '/no-such-roster') %}
                    rend:
                      test.nop:
                        - data: {{ data | json }}
                        - plain: {{ plain | json }}
                        - text: {{ text | json }}
                        - inline: {{ inline | json }}
                        - missing: {{ missing | json }}
                    """);
            Return r = m.call("state.show_sls", List.of("rend"), Map.of());
            Object high = LocalMinion.ret(r);
            assertEquals(0, r.getRetcode(), String.valueOf(high));
            Map<String, Object> a = args(high, "rend");
            assertEquals(Data.map("web", Data.map("port", 160L, "host", "local1")), a.get("data"));
            assertEquals(Data.map("key", "{{ not rendered }}"), a.get("plain"));
            assertEquals("Hello you, 4\n", a.get("text"));
            assertEquals("hi base", a.get("inline"));
            assertEquals(Map.of(), a.get("missing"));

            // Salt's SaltInvocationError for neither or both, and cp.get_url's refusal of a relative path.
            assertEquals(1, m.call("slsutil.renderer", List.of(), Map.of()).getRetcode());
            assertTrue(String.valueOf(LocalMinion.ret(m.call("slsutil.renderer", List.of(), Map.of())))
                    .contains("Must pass either path or string"));
            assertTrue(String.valueOf(LocalMinion.ret(m.call("slsutil.renderer", List.of("salt://rend/map.sls"),
                    Map.of("string", "a: 1")))).contains("Must not pass both path and string"));
            assertTrue(String.valueOf(LocalMinion.ret(m.call("slsutil.renderer", List.of("relative/roster"), Map.of())))
                    .contains("Path 'relative/roster' is not absolute"));
        }
    }

    /**
     * The iptables formula's iptables/service.sls is written for Salt's stateconf renderer
     * (salt/renderers/stateconf.py): {@code .sls_params} above the end marker is the variable
     * sls_params below it, local IDs and requisites are renamed {@code sls::id}, and the goal
     * state requires every state of the file. The stateconf.set states are no-ops that succeed,
     * in a dry-run too (salt/states/stateconf.py _no_op).
     */
    @Test
    @SuppressWarnings("unchecked")
    void aStateconfSlsAppliesWithItsGoalState() throws Exception {
        try (LocalMinion m = minion()) {
            m.write("fw/service.sls", """
                    #!stateconf yaml . jinja
                    .sls_params:
                      stateconf.set:
                        - parent: idioms
                    # --- end of state config ---
                    .allow_{{ sls_params.parent }}:
                      test.succeed_with_changes: []
                    .after:
                      test.nop:
                        - require:
                          - test: .allow_{{ sls_params.parent }}
                    """);
            for (boolean test : new boolean[] {true, false}) {
                Map<String, Object> results = (Map<String, Object>) LocalMinion.ret(
                        m.call("state.apply", List.of("fw.service"), Map.of("test", test)));
                assertEquals(List.of("stateconf_|-fw.service::sls_params_|-fw.service::sls_params_|-set",
                        "test_|-fw.service::allow_idioms_|-allow_idioms_|-succeed_with_changes",
                        "test_|-fw.service::after_|-after_|-nop",
                        "stateconf_|-fw.service::goal_|-fw.service::goal_|-set"), sortedByRunNum(results));
                Map<String, Object> goal = (Map<String, Object>) results.get(
                        "stateconf_|-fw.service::goal_|-fw.service::goal_|-set");
                assertEquals(true, goal.get("result"), String.valueOf(goal));
                assertEquals("", goal.get("comment"));
                Map<String, Object> allow = (Map<String, Object>) results.get(
                        "test_|-fw.service::allow_idioms_|-allow_idioms_|-succeed_with_changes");
                assertEquals(test ? null : true, allow.get("result"), String.valueOf(allow));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> sortedByRunNum(Map<String, Object> results) {
        return results.entrySet().stream()
                .sorted(java.util.Comparator.comparingLong(e -> ((Number) ((Map<String, Object>) e.getValue())
                        .get("__run_num__")).longValue()))
                .map(Map.Entry::getKey).toList();
    }
}
