package io.jsalt.common.state.high;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Yaml;
import io.jsalt.common.files.FileRoots;
import io.jsalt.common.match.Matcher;
import io.jsalt.common.match.MinionData;
import io.jsalt.common.render.RenderContext;
import io.jsalt.common.render.Renderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** High data shapes as Salt 3006's state.show_sls / show_top / show_highstate print them. */
class HighStateTest {
    @TempDir
    Path root;

    private void file(String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private HighState highState(Map<String, Object> grains, Map<String, Object> pillar) {
        FileRoots roots = FileRoots.base(root);
        RenderContext ctx = RenderContext.builder().grains(grains).pillar(pillar).build();
        return new HighState(new SlsTree(roots), new Renderer(roots), ctx, new Matcher(),
                new MinionData("web1", grains, pillar));
    }

    private static Object yaml(String text) {
        return Yaml.load(text, "expected");
    }

    @Test
    void showSlsAddsSlsEnvAndAutoOrderToEachDeclaration() throws IOException {
        file("vim.sls", "vim:\n  pkg.installed: []\n/etc/vimrc:\n  file.managed:\n    - source: salt://vimrc\n");
        HighState.Compiled c = highState(Map.of(), Map.of()).sls("base", List.of("vim"));
        assertEquals(List.of(), c.errors());
        assertEquals(yaml("""
                vim:
                  pkg: [installed, {order: 10000}]
                  __sls__: vim
                  __env__: base
                /etc/vimrc:
                  file: [{source: 'salt://vimrc'}, managed, {order: 10001}]
                  __sls__: vim
                  __env__: base
                """), c.high());
    }

    @Test
    void relativeIncludeFromInitResolvesInsideThePackageAndMarksIncludedFrom() throws IOException {
        file("redis/init.sls", "include:\n  - .server\nredis-pkg:\n  pkg.installed:\n    - name: redis\n");
        file("redis/server.sls", "redis-svc:\n  service.running:\n    - name: redis\n");
        HighState.Compiled c = highState(Map.of(), Map.of()).sls("base", List.of("redis"));
        assertEquals(List.of(), c.errors());
        assertEquals(yaml("""
                redis-pkg:
                  pkg: [{name: redis}, installed, {order: 10001}]
                  __sls__: redis
                  __env__: base
                redis-svc:
                  service: [{name: redis}, running, {order: 10000}]
                  __sls__: redis.server
                  __env__: base
                  __sls_included_from__: [redis]
                """), c.high());
    }

    @Test
    void relativeIncludeFromPlainFileResolvesAgainstItsParent() throws IOException {
        file("app/web.sls", "include:\n  - .db\n");
        file("app/db.sls", "db:\n  test.nop: []\n");
        HighState.Compiled c = highState(Map.of(), Map.of()).sls("base", List.of("app.web"));
        assertEquals(List.of(), c.errors());
        assertEquals(Map.of("__sls__", "app.db"), Map.of("__sls__", ((Map<?, ?>) c.high().get("db")).get("__sls__")));
    }

    @Test
    void extendAndExcludeAreLeftAsSaltsShowSlsLeavesThem() throws IOException {
        file("a.sls", "include:\n  - b\nextend:\n  svc:\n    service.running:\n      - enable: true\n"
                + "exclude:\n  - id: unwanted\n");
        file("b.sls", "svc:\n  service.running: []\nunwanted:\n  test.nop: []\n");
        HighState.Compiled c = highState(Map.of(), Map.of()).sls("base", List.of("a"));
        assertEquals(List.of(), c.errors());
        assertEquals(yaml("""
                - svc:
                    service: [{enable: true}, running]
                    __sls__: a
                    __env__: base
                """), c.high().get("__extend__"));
        assertEquals(yaml("[{id: unwanted}]"), c.high().get("__exclude__"));
    }

    @Test
    void missingSlsGivesSaltsNoMatchingSlsError() {
        HighState.Compiled c = highState(Map.of(), Map.of()).sls("base", List.of("nosuch"));
        assertEquals(List.of("No matching sls found for 'nosuch' in env 'base'"), c.errors());
    }

    @Test
    void renderErrorNamesSaltenvSlsFileAndLine() throws IOException {
        file("bad.sls", "a:\n  test.nop:\n    - x: {{ 1 | nofilter }}\n");
        HighState.Compiled c = highState(Map.of(), Map.of()).sls("base", List.of("bad"));
        assertEquals(1, c.errors().size());
        assertTrue(c.errors().get(0).startsWith("Rendering SLS 'base:bad' failed: bad.sls, line 3"), c.errors().get(0));
    }

    @Test
    void topMatchesUseCompoundByDefaultAndMatchDictsOtherwise() throws IOException {
        file("top.sls", """
                base:
                  '*':
                    - core
                  'roles:web':
                    - match: grain
                    - web
                  'G@roles:db':
                    - db
                """);
        HighState.TopMatches t = highState(Map.of("roles", List.of("web")), Map.of()).top();
        assertEquals(List.of(), t.errors());
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("base", List.of("core", "web"));
        assertEquals(expected, t.matches());
    }

    @Test
    void highstateRendersWhatTheTopFileGives() throws IOException {
        file("top.sls", "base:\n  web*:\n    - core\n");
        file("core.sls", "motd:\n  file.managed:\n    - name: /etc/motd\n");
        HighState.Compiled c = highState(Map.of(), Map.of()).highstate();
        assertEquals(List.of(), c.errors());
        assertEquals(List.of("motd"), List.copyOf(c.high().keySet()));
    }

    @Test
    void verifyHighReportsTrailingColonShortDeclaration() throws IOException {
        file("s.sls", "ssh:\n  cmd.run:\n");
        HighState.Compiled c = highState(Map.of(), Map.of()).sls("base", List.of("s"));
        assertEquals(List.of("ID 'ssh' in SLS 's' contains a short declaration (cmd.run) with a trailing colon. "
                + "When not passing any arguments to a state, the colon must be omitted."), HighData.verify(c.high()));
    }

    @Test
    void lowChunksExpandNamesAndSortByOrder() throws IOException {
        file("p.sls", "pkgs:\n  pkg.installed:\n    - names:\n      - vim\n      - git\n");
        HighState.Compiled c = highState(Map.of(), Map.of()).sls("base", List.of("p"));
        List<Map<String, Object>> low = LowChunks.compile(c.high());
        assertEquals(2, low.size());
        assertEquals("vim", low.get(0).get("name"));
        assertEquals(10000.0001, low.get(0).get("order"));
        assertEquals(yaml("""
                state: pkg
                name: git
                __sls__: p
                __env__: base
                __id__: pkgs
                order: 10000.0002
                fun: installed
                """), low.get(1));
    }
}
