package io.jsalt.common.state.high;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.TestFiles;
import io.jsalt.common.data.Yaml;
import io.jsalt.common.files.FileRoots;
import io.jsalt.common.match.Matcher;
import io.jsalt.common.match.MinionData;
import io.jsalt.common.render.RenderContext;
import io.jsalt.common.render.Renderer;
import io.jsalt.common.state.Compiler;
import io.jsalt.common.state.Verify;
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
        TestFiles.write(root, rel, text);
    }

    /** The high data of compiling these SLS files of base, which must compile without errors. */
    private Map<String, Object> compiledHigh(List<String> sls) {
        HighState.Compiled c = highState(Map.of(), Map.of()).sls("base", sls);
        assertEquals(List.of(), c.errors());
        return c.high();
    }

    /** The errors of compiling one SLS file, t.sls, with this text. */
    private List<String> errorsOf(String sls) throws IOException {
        file("t.sls", sls);
        return highState(Map.of(), Map.of()).sls("base", List.of("t")).errors();
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
        Map<String, Object> high = compiledHigh(List.of("vim"));
        assertEquals(yaml("""
                vim:
                  pkg: [installed, {order: 10000}]
                  __sls__: vim
                  __env__: base
                /etc/vimrc:
                  file: [{source: 'salt://vimrc'}, managed, {order: 10001}]
                  __sls__: vim
                  __env__: base
                """), high);
    }

    @Test
    void relativeIncludeFromInitResolvesInsideThePackageAndMarksIncludedFrom() throws IOException {
        file("redis/init.sls", "include:\n  - .server\nredis-pkg:\n  pkg.installed:\n    - name: redis\n");
        file("redis/server.sls", "redis-svc:\n  service.running:\n    - name: redis\n");
        Map<String, Object> high = compiledHigh(List.of("redis"));
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
                """), high);
    }

    @Test
    void relativeIncludeFromPlainFileResolvesAgainstItsParent() throws IOException {
        file("app/web.sls", "include:\n  - .db\n");
        file("app/db.sls", "db:\n  test.nop: []\n");
        Map<String, Object> high = compiledHigh(List.of("app.web"));
        assertEquals(Map.of("__sls__", "app.db"), Map.of("__sls__", ((Map<?, ?>) high.get("db")).get("__sls__")));
    }

    @Test
    void extendAndExcludeAreLeftAsSaltsShowSlsLeavesThem() throws IOException {
        file("a.sls", "include:\n  - b\nextend:\n  svc:\n    service.running:\n      - enable: true\n"
                + "exclude:\n  - id: unwanted\n");
        file("b.sls", "svc:\n  service.running: []\nunwanted:\n  test.nop: []\n");
        Map<String, Object> high = compiledHigh(List.of("a"));
        assertEquals(yaml("""
                - svc:
                    service: [{enable: true}, running]
                    __sls__: a
                    __env__: base
                """), high.get("__extend__"));
        assertEquals(yaml("[{id: unwanted}]"), high.get("__exclude__"));
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
                + "When not passing any arguments to a state, the colon must be omitted."), Verify.high(c.high()));
    }

    @Test
    void lowChunksExpandNamesAndSortByOrder() throws IOException {
        file("p.sls", "pkgs:\n  pkg.installed:\n    - names:\n      - vim\n      - git\n");
        HighState.Compiled c = highState(Map.of(), Map.of()).sls("base", List.of("p"));
        List<Map<String, Object>> low = Compiler.lowChunks(c.high());
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

    @Test
    void shortStringDeclarationIsPaddedWithSlsAndEnvFirst() throws IOException {
        file("s.sls", "vim: pkg.installed\n");
        HighState.Compiled c = highState(Map.of(), Map.of()).sls("base", List.of("s"));
        assertEquals(yaml("vim: {__sls__: s, __env__: base, pkg: [installed, {order: 10000}]}"), c.high());
    }

    @Test
    void autoOrderCanBeTurnedOff() throws IOException {
        file("s.sls", "vim:\n  pkg.installed: []\n");
        FileRoots roots = FileRoots.base(root);
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("state_auto_order", false);
        HighState hs = new HighState(new SlsTree(roots), new Renderer(roots), RenderContext.builder().opts(opts).build(),
                new Matcher(), MinionData.of("web1"));
        assertEquals(yaml("vim: {pkg: [installed], __sls__: s, __env__: base}"), hs.sls("base", List.of("s")).high());
    }

    @Test
    void doubleDotIncludeClimbsTwoLevelsAndGlobIncludesExpand() throws IOException {
        file("a/b/c.sls", "include:\n  - ..x\n  - a.sub.*\n");
        file("a/x.sls", "x:\n  test.nop: []\n");
        file("a/sub/one.sls", "one:\n  test.nop: []\n");
        file("a/sub/two.sls", "two:\n  test.nop: []\n");
        Map<String, Object> high = compiledHigh(List.of("a.b.c"));
        assertEquals(List.of("x", "one", "two"), List.copyOf(high.keySet()));
    }

    @Test
    void relativeIncludeBeyondTheTopIsAnError() throws IOException {
        assertEquals(List.of("Attempted relative include of '...nowhere' within SLS 'base:t' goes beyond top level "
                + "package "), errorsOf("include:\n  - ...nowhere\n"));
    }

    @Test
    void includeOfAnUnknownSaltenvIsReported() throws IOException {
        assertEquals(List.of("Nonexistent saltenv 'dev' found in include of 'thing' within SLS 'base:t'"),
                errorsOf("include:\n  - dev: thing\n"));
    }

    @Test
    void missingIncludeIsAnUnknownInclude() throws IOException {
        assertEquals(List.of("Specified SLS gone in saltenv base is not available on the salt master or through a "
                + "configured fileserver"), errorsOf("include:\n  - gone\n"));
    }

    @Test
    void sameIdInTwoFilesIsAConflict() throws IOException {
        file("a.sls", "dup:\n  test.nop: []\n");
        file("b.sls", "dup:\n  test.succeed_without_changes: []\n");
        HighState.Compiled c = highState(Map.of(), Map.of()).sls("base", List.of("a", "b"));
        assertEquals(List.of("Detected conflicting IDs, SLS IDs need to be globally unique.\n    The conflicting ID is "
                + "'dup' and is found in SLS 'base:a' and SLS 'base:b'"), c.errors());
    }

    @Test
    void extendsOfOneIdFromTwoFilesAreBothKept() throws IOException {
        file("a.sls", "include:\n  - c\nextend:\n  svc:\n    service:\n      - enable: true\n");
        file("b.sls", "include:\n  - c\nextend:\n  svc:\n    service:\n      - watch: []\n");
        file("c.sls", "svc:\n  service.running: []\n");
        Map<String, Object> high = compiledHigh(List.of("a", "b"));
        assertEquals(2, ((List<?>) high.get("__extend__")).size());
    }

    @Test
    void topSaltenvDictItemsAddToThatSaltenv() throws IOException {
        Path dev = root.resolve("../dev-root").normalize();
        Files.createDirectories(dev);
        file("top.sls", "base:\n  '*':\n    - core\n    - dev: tools\n    - core\n");
        FileRoots roots = new FileRoots(Map.of("base", List.of(root), "dev", List.of(dev)));
        HighState hs = new HighState(new SlsTree(roots), new Renderer(roots), RenderContext.builder().build(),
                new Matcher(), MinionData.of("web1"));
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("base", List.of("core", "core"));
        expected.put("dev", List.of("tools"));
        assertEquals(expected, hs.top().matches());
    }
}
