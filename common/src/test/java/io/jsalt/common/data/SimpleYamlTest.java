package io.jsalt.common.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimpleYamlTest {
    /** The value with every scalar's class beside it, so that 5 and "5", or Integer and Long, differ. */
    private static String typed(Object o) {
        if (o instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, v) -> b.append(typed(k)).append(": ").append(typed(v)).append(", "));
            return b.append("}:").append(o.getClass().getSimpleName()).toString();
        }
        if (o instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            l.forEach(v -> b.append(typed(v)).append(", "));
            return b.append("]:").append(o.getClass().getSimpleName()).toString();
        }
        return o + ":" + (o == null ? "null" : o.getClass().getSimpleName());
    }

    private static void same(String text) {
        Map<String, Object> simple = SimpleYaml.loadMap(text);
        assertNotNull(simple, text);
        assertEquals(typed(Yaml.loadMap(text, "test")), typed(simple), text);
    }

    @Test
    void readsPlainConfigurationsAsSnakeYamlDoes() {
        same("");
        same("# only a comment\n\n");
        same("root_dir: /tmp/x\ninterface: 127.0.0.1\nret_port: 4506\nauto_accept: True\ntimeout: 30\n"
                + "log_level: warning\n");
        same("# jsalt-bench scratch master\nroot_dir: /tmp/b/master-root\nfile_roots:\n  base: [/srv/a/states]\n"
                + "pillar_roots:\n  base: [/srv/a/pillar]\n");
        same("file_roots:\n  base:\n    - /srv/salt\n    - /srv/other\n  dev:\n  - /srv/dev\nipv6: false\n");
        same("nodegroups:\n  web: L@web1,web2\n  db: 'G@role:db'\n".replace("'", ""));
        same("nodegroups:\n  mixed: G@os:Debian and web*\nreactor: []\nstate_output: changes   # terse\n");
        same("a: TRUE\nb: False\nc: 0\nd: 123456789012345678\ne: 1.2.3\nf: http://example.org/x\ng: a=b+c\n");
        same("peer:\n  .*:\n    - test.ping\n".replace(".*", "web.x"));
        same("mysql.host: localhost\nkey_with-dash: value_1\n_private: x\nlist: [a, b,c]\n");
        same("x:   spaced value\nz: /path/with spaces inside\n");
        same("a: b #c#d\n");
        same("a: b\r\nc: d\r\n");
    }

    @Test
    void leavesEverythingElseToSnakeYaml() {
        for (String text : new String[] {
            "a: yes", "a: no", "a: on", "a: Off", "a: null", "a: ~", "a:", "a: 'quoted'", "a: \"q\"",
            "a: 1.5", "a: 0644", "a: -1", "a: 1_000", "a: 0x1f", "a: 1:30", "a: 2024-01-01", "a: .inf",
            "a: 1e5", "a: &x 1", "a: *x", "a: !!str 5", "a: |\n  text", "a: >\n  text", "a: {b: c}",
            "a: [[b]]", "a: [b", "a: b:", "a: b: c", "a: x\na: y", "- a\n- b", "5: x", "yes: x",
            "a: b\n  c: d", "a: b\n c", "---\na: b", "a:\tb", "a: caf\u00e9", "a: b\rc: d", "  a: b",
            "a:\n  - b: c", "a:\n  - [b]", "a:\n  -", "a: @x", "a: =", "a: <<", "a: [b, ]", "? a\n: b",
            "%YAML 1.1\n---\na: b", "a: b\n...", "a: b  c: d"}) {
            assertNull(SimpleYaml.loadMap(text), text);
        }
    }

    @Test
    void readsTheShippedConfigurationsAsSnakeYamlDoes() throws Exception {
        for (String f : new String[] {"master/master", "minion/minion"}) {
            Path p = Path.of("..", "packaging", "src", "deb", f);
            String text = Files.readString(p);
            Map<String, Object> simple = SimpleYaml.loadMap(text);
            if (simple != null) {
                assertEquals(typed(Yaml.loadMap(text, f)), typed(simple), f);
            }
        }
    }
}
