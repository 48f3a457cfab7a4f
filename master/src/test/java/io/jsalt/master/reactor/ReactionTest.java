package io.jsalt.master.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.config.Config.ConfigException;
import io.jsalt.common.data.Yaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReactionTest {
    @TempDir
    Path dir;

    private static List<Reaction> parse(String yaml) {
        return Reaction.parse(Yaml.loadMap(yaml, "r.sls"), "r.sls");
    }

    @Test
    void localWithOldArgAndKwargSyntax() {
        Reaction r = parse("""
                run_it:
                  local.cmd.run:
                    - tgt: 'web*'
                    - expr_form: glob
                    - arg:
                      - uptime
                    - kwarg:
                        cwd: /tmp
                """).get(0);
        assertEquals(new Reaction("run_it", "local", "cmd.run", "web*", "glob", List.of("uptime"), Map.of("cwd", "/tmp")), r);
    }

    @Test
    void localWithNewArgsSyntaxGivesKeywordArguments() {
        Reaction r = parse("""
                install_zsh:
                  local.state.single:
                    - tgt: 'kernel:Linux'
                    - tgt_type: grain
                    - args:
                      - fun: pkg.installed
                      - name: zsh
                """).get(0);
        assertEquals("grain", r.tgtType());
        assertEquals(Map.of("fun", "pkg.installed", "name", "zsh"), r.kwargs());
        assertEquals(List.of(), r.args());
    }

    @Test
    void runnerTakesItsRemainingKeysAsKeywordArguments() {
        Reaction r = parse("""
                look:
                  runner.jobs.lookup_jid:
                    - jid: '20240101000000000000'
                """).get(0);
        assertEquals("runner", r.client());
        assertEquals(Map.of("jid", "20240101000000000000"), r.kwargs());
    }

    @Test
    void cmdIsTheOldNameOfLocal() {
        assertEquals("local", parse("x:\n  cmd.test.ping:\n    - tgt: '*'\n").get(0).client());
    }

    @Test
    void badReactionsNameTheFileAndTheId() {
        IllegalArgumentException noTgt = assertThrows(IllegalArgumentException.class,
                () -> parse("x:\n  local.test.ping: []\n"));
        assertEquals("r.sls: 'x': local.test.ping needs a tgt", noTgt.getMessage());
        IllegalArgumentException wheel = assertThrows(IllegalArgumentException.class,
                () -> parse("y:\n  wheel.key.accept:\n    - match: web1\n"));
        assertTrue(wheel.getMessage().contains("the wheel client is not supported"), wheel.getMessage());
    }

    @Test
    void configMapsTagGlobsToFilesInOrder() {
        ReactorConfig c = ReactorConfig.parse(Yaml.load("""
                - 'salt/minion/*/start':
                  - /srv/reactor/start.sls
                - 'salt/minion/web*/start': /srv/reactor/web.sls
                """, "master"));
        assertEquals(List.of("/srv/reactor/start.sls", "/srv/reactor/web.sls"), c.filesFor("salt/minion/web1/start"));
        assertEquals(List.of("/srv/reactor/start.sls"), c.filesFor("salt/minion/db1/start"));
        assertEquals(List.of(), c.filesFor("salt/key"));
        assertThrows(ConfigException.class, () -> ReactorConfig.parse("not a list"));
    }

    @Test
    void plainYamlRendererRefusesJinjaInsteadOfRunningItRaw() throws Exception {
        Path f = dir.resolve("start.sls");
        Files.writeString(f, "x:\n  local.test.ping:\n    - tgt: {{ data['id'] }}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new YamlReactorRenderer().render(f, "t", Map.of()));
        assertTrue(e.getMessage().contains("uses Jinja"), e.getMessage());
    }
}
