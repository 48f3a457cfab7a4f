package io.jsalt.common.pillar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jsalt.common.TestFiles;
import io.jsalt.common.data.Yaml;
import io.jsalt.common.files.FileRoots;
import io.jsalt.common.match.Matcher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PillarCompilerTest {
    @TempDir
    Path root;

    private void file(String rel, String text) throws IOException {
        TestFiles.write(root, rel, text);
    }

    private Map<String, Object> compile(String id, Map<String, Object> grains) {
        return compile(id, grains, new LinkedHashMap<>());
    }

    private Map<String, Object> compile(String id, Map<String, Object> grains, Map<String, Object> opts) {
        opts.put("nodegroups", Map.of("dbs", "db*"));
        return new PillarCompiler(FileRoots.base(root), opts, new Matcher(Map.of("dbs", "db*"))).compile(id, grains);
    }

    @Test
    void laterFilesWinAndDictsMergeRecursively() throws IOException {
        file("top.sls", "base:\n  '*':\n    - common\n  'web*':\n    - web\n");
        file("common.sls", "app:\n  port: 80\n  users: [a, b]\n  name: common\n");
        file("web.sls", "app:\n  port: 8080\n  users: [c]\n");
        assertEquals(Yaml.load("app: {port: 8080, users: [c], name: common}", "x"), compile("web1", Map.of()));
        assertEquals(Yaml.load("app: {port: 80, users: [a, b], name: common}", "x"), compile("db1", Map.of()));
    }

    @Test
    void everyTopMatcherKindSelectsTheRightMinions() throws IOException {
        file("top.sls", """
                base:
                  'roles:db':
                    - match: grain
                    - grain
                  'os:Deb.*':
                    - match: grain_pcre
                    - grainpcre
                  'web\\d+':
                    - match: pcre
                    - pcre
                  'web1,db1':
                    - match: list
                    - list
                  'dbs':
                    - match: nodegroup
                    - nodegroup
                  '10.0.0.0/8':
                    - match: ipcidr
                    - ipcidr
                  'G@roles:db and not web*':
                    - compound
                """);
        for (String s : List.of("grain", "grainpcre", "pcre", "list", "nodegroup", "ipcidr", "compound")) {
            file(s + ".sls", s + ": true\n");
        }
        Map<String, Object> db = compile("db1", Map.of("roles", List.of("db"), "os", "Debian",
                "ipv4", List.of("10.1.2.3")));
        assertEquals(List.of("grain", "grainpcre", "list", "nodegroup", "ipcidr", "compound"),
                List.copyOf(db.keySet()));
        Map<String, Object> web = compile("web1", Map.of("os", "RedHat", "ipv4", List.of("192.168.1.1")));
        assertEquals(List.of("pcre", "list"), List.copyOf(web.keySet()));
    }

    @Test
    void pillarFilesSeeGrainsAndThePillarCompiledSoFar() throws IOException {
        file("top.sls", "base:\n  '*':\n    - first\n    - second\n");
        file("first.sls", "domain: example.org\n");
        file("second.sls", "fqdn: {{ grains['host'] }}.{{ salt['pillar.get']('domain', 'none') }}\n");
        assertEquals("web1.example.org", compile("web1", Map.of("host", "web1")).get("fqdn"));
    }

    @Test
    void includesMergeUnderTheIncludingFileWithKeyAndDefaults() throws IOException {
        file("top.sls", "base:\n  '*':\n    - app\n");
        file("app/init.sls", "include:\n  - .db\n  - users:\n      key: 'app:users'\n      defaults: {shell: zsh}\n"
                + "app:\n  db: {host: override}\n");
        file("app/db.sls", "app:\n  db: {host: localhost, port: 5432}\n");
        file("users.sls", "shell: {{ shell }}\n");
        assertEquals(Yaml.load("app: {db: {host: override, port: 5432}, users: {shell: zsh}}", "x"),
                compile("web1", Map.of()));
    }

    @Test
    void missingAndBrokenFilesAreListedUnderErrors() throws IOException {
        file("top.sls", "base:\n  '*':\n    - nosuch\n    - broken\n    - good\n  'x*':\n    - ignored\n");
        file("broken.sls", "a: {{ 1 | nofilter }}\n");
        file("good.sls", "good: 1\n");
        Map<String, Object> p = compile("web1", Map.of());
        assertEquals(1L, p.get("good"));
        assertEquals(List.of("Specified SLS 'nosuch' in environment 'base' is not available on the salt master",
                "Rendering SLS 'broken' failed. Please see master log for details."), p.get("_errors"));
    }

    /**
     * The master renders pillar with StrictUndefined unless its allow_undefined option is True
     * (salt/utils/templates.py render_jinja_tmpl reads the master's opts for pillar).
     */
    @Test
    void undefinedPillarValueFailsTheFileUnlessAllowUndefined() throws IOException {
        file("top.sls", "base:\n  '*':\n    - uses\n");
        file("uses.sls", "port: {{ pillar.app.port }}\n");
        assertEquals(List.of("Rendering SLS 'uses' failed. Please see master log for details."),
                compile("web1", Map.of()).get("_errors"));
        Map<String, Object> lenient = new LinkedHashMap<>();
        lenient.put("allow_undefined", true);
        assertEquals("None", compile("web1", Map.of(), lenient).get("port"));
    }

    @Test
    void ignoreMissingSilencesAMissingFile() throws IOException {
        file("top.sls", "base:\n  '*':\n    - ignore_missing: true\n    - nosuch\n");
        assertFalse(compile("web1", Map.of()).containsKey("_errors"));
    }

    @Test
    void topOrderSortsTargets() throws IOException {
        file("top.sls", "base:\n  '*':\n    - order: 2\n    - late\n  'web*':\n    - order: 1\n    - early\n");
        file("late.sls", "v: late\n");
        file("early.sls", "v: early\n");
        assertEquals("late", compile("web1", Map.of()).get("v"));
    }
}
