package io.jsalt.minion.modules.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jsalt.common.proto.Return;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviour of Salt's state runs that real formula trees rely on, each reproduced with a small
 * SLS tree through a masterless minion's job path (state.apply and friends).
 */
class RealTreeBehaviourTest {
    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> byId(Object ret) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        ((Map<String, Object>) ret).forEach((k, v) -> out.put(k.split("_\\|-", -1)[1], (Map<String, Object>) v));
        return out;
    }

    private static Map<String, Map<String, Object>> apply(LocalMinion m, String sls, boolean test) {
        Return r = m.call("state.apply", List.of(sls), test ? Map.of("test", true) : Map.of());
        return byId(LocalMinion.ret(r));
    }

    /**
     * A file.managed template imports from the file roots like an SLS does: Salt renders file
     * templates with the same salt:// loader and saltenv (salt/utils/templates.py
     * render_jinja_tmpl builds a SaltCacheLoader for both).
     */
    @Test
    void fileTemplateImportsFromTheFileRoots() throws Exception {
        try (LocalMinion m = new LocalMinion(dir)) {
            m.write("redis/map.jinja", "{% set redis = {'port': 6379} %}\n");
            m.write("redis/files/redis.conf.j2", "{% from \"redis/map.jinja\" import redis %}port {{ redis.port }}\n");
            assertEquals("port 6379\n", managedTemplate(m, "redis", "redis/files/redis.conf.j2", ""));
        }
    }

    /** Applies SLS {@code sls} (written here): one file.managed of template {@code source}; the file's text. */
    private String managedTemplate(LocalMinion m, String sls, String source, String extraArgs) throws Exception {
        Path out = dir.resolve("out/" + sls + ".conf");
        m.write(sls + "/init.sls", "conf:\n  file.managed:\n    - name: " + out + "\n"
                + "    - source: salt://" + source + "\n    - template: jinja\n    - makedirs: True\n" + extraArgs);
        Map<String, Object> r = apply(m, sls, false).get("conf");
        assertEquals(true, r.get("result"), String.valueOf(r));
        return Files.readString(out);
    }

    /**
     * A file template sees what Salt's get_managed passes the renderer besides the context:
     * name, source, user, group, mode, attrs, saltenv and the state's other arguments (its
     * **kwargs), context over them (salt/modules/file.py get_managed, salt/utils/templates.py
     * wrap_tmpl_func). Formulas print {{ source }} in a header, and a context key indented one
     * level too little (YAML then reads it as a sibling of {@code context: None}) still
     * reaches the template under Salt; with StrictUndefined, missing these fails the render.
     */
    @Test
    void fileTemplateSeesSaltsTemplateArgumentsAndTheStatesOtherArguments() throws Exception {
        try (LocalMinion m = new LocalMinion(dir)) {
            m.write("web/site.conf.j2", "{{ source }} {{ mode }} {{ user }} {{ saltenv }} {{ site.port }} {{ mode2 }}\n");
            assertEquals("salt://web/site.conf.j2 0640 None base 8080 under\n", managedTemplate(m, "web",
                    "web/site.conf.j2", "    - mode: '0640'\n    - context:\n      site: {port: 8080}\n"
                            + "    - defaults: {mode2: under}\n    - mode2: kwarg\n"));
        }
    }

    /**
     * The SLS's {@code context: {tpldir: ...}} wins in a file template: Salt's render_tmpl
     * updates the keywords with the explicit context and adds the tpl variables only when
     * rendering an sls (salt/utils/templates.py wrap_tmpl_func).
     */
    @Test
    void fileTemplateContextTpldirWins() throws Exception {
        try (LocalMinion m = new LocalMinion(dir)) {
            m.write("app/map.jinja", "{% set app = {'user': 'appuser'} %}\n");
            m.write("shared/app.conf.j2", "{% from tpldir ~ \"/map.jinja\" import app %}{{ tpldir }} {{ app.user }}\n");
            assertEquals("app appuser\n", managedTemplate(m, "app", "shared/app.conf.j2",
                    "    - context:\n        tpldir: {{ tpldir }}\n"));
        }
    }

    /**
     * {@code mode: 0700} unquoted in SLS is the int 700, so the file gets mode 0700: Salt's
     * SaltYamlSafeLoader.construct_scalar strips the leading zeros of an int before PyYAML
     * would read it as octal (salt/utils/yamlloader.py). Pillar is read by the same loader.
     */
    @Test
    void leadingZeroIntsInSlsAndPillarAreBaseTen() throws Exception {
        try (LocalMinion m = new LocalMinion(dir)) {
            Path out = dir.resolve("secret");
            Files.writeString(dir.resolve("srv/pillar/top.sls"), "base:\n  '*':\n    - modes\n");
            Files.writeString(dir.resolve("srv/pillar/modes.sls"), "dirmode: 0750\n");
            m.call("saltutil.refresh_pillar", List.of(), Map.of());
            m.write("modes.sls", "secret:\n  file.managed:\n    - name: " + out + "\n    - contents: x\n"
                    + "    - mode: 0700\n"
                    + "secretdir:\n  file.directory:\n    - name: " + dir.resolve("sdir") + "\n"
                    + "    - dir_mode: {{ pillar['dirmode'] }}\n");
            Map<String, Map<String, Object>> ret = apply(m, "modes", false);
            assertEquals(true, ret.get("secret").get("result"), String.valueOf(ret));
            assertEquals(true, ret.get("secretdir").get("result"), String.valueOf(ret));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
            assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("sdir"))));
            Return show = m.call("state.show_sls", List.of("modes"), Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> high = (Map<String, Object>) LocalMinion.ret(show);
            assertEquals(true, String.valueOf(high.get("secret")).contains("{mode=700}"), String.valueOf(high));
        }
    }

    /**
     * A dry run of a fresh host: a file.managed and a file.directory whose parent an earlier
     * state would create report None, not a failure. Salt's file.managed returns its test=True
     * report from check_managed_changes and only file.manage_file checks the parent; its
     * file.directory returns the test report before "No directory to create"
     * (salt/states/file.py, salt/modules/file.py).
     */
    @Test
    void dryRunOfAFreshHostReportsMissingParentsAsWouldChange() throws Exception {
        try (LocalMinion m = new LocalMinion(dir)) {
            Path base = dir.resolve("fresh/app");
            m.write("fresh.sls", "app-dir:\n  file.directory:\n    - name: " + base + "/conf\n    - makedirs: True\n"
                    + "app-conf:\n  file.managed:\n    - name: " + base + "/conf/app.conf\n    - contents: x\n"
                    + "    - require:\n      - file: app-dir\n"
                    + "app-logs:\n  file.directory:\n    - name: " + base + "/logs/app\n");
            Map<String, Map<String, Object>> ret = apply(m, "fresh", true);
            for (String id : List.of("app-dir", "app-conf", "app-logs")) {
                assertNull(ret.get(id).get("result"), id + ": " + ret.get(id));
            }
            assertEquals("The following files will be changed:\n" + base + "/logs/app: directory - new\n",
                    ret.get("app-logs").get("comment"));
            assertFalse(Files.exists(dir.resolve("fresh")));

            ret = apply(m, "fresh", false);
            assertEquals(true, ret.get("app-conf").get("result"), String.valueOf(ret));
            assertEquals(false, ret.get("app-logs").get("result"), String.valueOf(ret));
            assertEquals("No directory to create " + base + "/logs/app in", ret.get("app-logs").get("comment"));
        }
    }

    /**
     * "Multiple dictionaries defined in argument of state" is Salt's error for a requisite
     * argument only (salt/state.py _verify_high checks len(arg) inside the requisite branch);
     * an ordinary argument written as one dict of two keys passes both on to the function.
     */
    @Test
    void multipleDictionariesIsARequisiteErrorOnly() throws Exception {
        try (LocalMinion m = new LocalMinion(dir)) {
            m.write("two.sls", "base:\n  test.nop: []\n"
                    + "both:\n  test.configurable_test_state:\n    - changes: False\n      comment: two keys\n");
            Map<String, Map<String, Object>> ret = apply(m, "two", false);
            assertEquals(true, ret.get("both").get("result"), String.valueOf(ret));
            assertEquals("two keys", ret.get("both").get("comment"));

            m.write("tworeq.sls", "base:\n  test.nop: []\n"
                    + "both:\n  test.nop:\n    - require:\n      - test: base\n      comment: x\n");
            Return r = m.call("state.apply", List.of("tworeq"), Map.of());
            assertEquals(List.of("Multiple dictionaries defined in argument of state 'both' in SLS 'tworeq'"),
                    LocalMinion.ret(r));
        }
    }
}
