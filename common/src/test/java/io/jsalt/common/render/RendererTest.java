package io.jsalt.common.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import io.jsalt.common.files.FileRoots;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RendererTest {
    private final Renderer renderer = new Renderer(FileRoots.base(Fixtures.corpus()));

    /**
     * One row an sls, its file under the root, and the variables Salt gives its template
     * (salt/utils/templates.py generate_sls_context): a leaf file, an init file, a top-level file.
     */
    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # sls | file          | tplfile       | tpldir | tpldot | slspath | sls_path | slsdotpath | slscolonpath
            a.b   | a/b.sls       | a/b.sls       | a      | a      | a       | a        | a          | a
            a.b   | a/b/init.sls  | a/b/init.sls  | a/b    | a.b    | a/b     | a_b      | a.b        | a:b
            top   | top.sls       | top.sls       | .      | ''     | ''      | ''       | ''         | ''
            """)
    void slsVariablesMatchSalt(String sls, String file, String tplfile, String tpldir, String tpldot,
            String slspath, String slsPath, String slsdotpath, String slscolonpath) {
        Map<String, Object> v = RenderContext.slsVariables(sls, file, null);
        assertEquals(Map.of("tplpath", file, "tplfile", tplfile, "tpldir", tpldir, "tpldot", tpldot,
                "slspath", slspath, "sls_path", slsPath, "slsdotpath", slsdotpath, "slscolonpath", slscolonpath), v);
    }

    @Test
    void aRenderContextNeverPrintsItsPillar() {
        RenderContext ctx = RenderContext.builder().pillar(Map.of("db", Map.of("password", "s3cret")))
                .saltenv("base").sls("db").build();
        assertEquals("RenderContext[saltenv=base, sls=db]", ctx.toString());
    }

    @Test
    void tplpathIsTheFileWhenThereIsOne() {
        Map<String, Object> v = RenderContext.slsVariables("a.b", "a/b.sls", Path.of("/srv/salt/a/b.sls"));
        assertEquals("/srv/salt/a/b.sls", v.get("tplpath"));
    }

    @Test
    void templateSeesContextOverDefaultsAndItsOwnDirectory() {
        RenderContext ctx = RenderContext.builder().from(Fixtures.context(null))
                .extra(Data.map("port", 1L, "name", "dflt"))
                .extra(Data.map("port", 2L))
                .build();
        String out = renderer.renderTemplate("{{ name }}:{{ port }} in {{ tpldir }} ({{ tplfile }})\n",
                "macros/files/app.conf", ctx);
        assertEquals("dflt:2 in macros/files (macros/files/app.conf)\n", out);
    }

    @Test
    void listFilterIsPythonsListSoADictGivesItsKeys() {
        RenderContext ctx = RenderContext.builder().from(Fixtures.context(null))
                .extra(Data.map("minions", Data.map("db1", Data.map("role", "db"), "db2", Data.map("role", "db"))))
                .build();
        assertEquals("db1,db2 ['a', 'b'] [1, 2]", renderer.renderTemplate(
                "{{ minions | list | join(',') }} {{ 'ab' | list }} {{ [1, 2] | list }}", "t.conf", ctx));
    }

    @Test
    void templateKeepsTrailingNewlinesAsJinjaDoesForSalt() {
        RenderContext ctx = Fixtures.context(null);
        assertEquals("x\n", renderer.renderTemplate("x\n", "t.conf", ctx));
        assertEquals("x\n\n", renderer.renderTemplate("x\n\n", "t.conf", ctx));
        assertEquals("x", renderer.renderTemplate("x", "t.conf", ctx));
    }

    @Test
    void emptyOrWhitespaceSlsIsAnEmptyMap() {
        assertEquals(Map.of(), renderer.renderSls("", "e.sls", Fixtures.context("e")));
        assertEquals(Map.of(), renderer.renderSls("{# nothing #}\n  \n", "e.sls", Fixtures.context("e")));
    }

    @Test
    void pipelineFollowsSaltsShebangRules() {
        RenderContext ctx = Fixtures.context("p");
        assertEquals(List.of("jinja", "yaml"), Renderer.pipeline("a: 1", "p.sls", ctx));
        assertEquals(List.of("yaml"), Renderer.pipeline("#!yaml\na: 1", "p.sls", ctx));
        assertEquals(List.of("jinja", "yaml"), Renderer.pipeline("#!yaml_jinja\n", "p.sls", ctx));
        assertEquals(List.of("jinja", "json"), Renderer.pipeline("#!jinja | json\n", "p.sls", ctx));
        assertEquals(List.of("jinja", "yaml"), Renderer.pipeline("#!/bin/sh\n", "p.sls", ctx),
                "a #!/ path is not a shebang for renderers");
        RenderContext yamlOnly = RenderContext.builder().from(ctx).opts(Map.of("renderer", "yaml")).build();
        assertEquals(List.of("yaml"), Renderer.pipeline("a: 1", "p.sls", yamlOnly));
    }

    @Test
    void modelDataUsesLongsAndOrderedMaps() {
        Object data = renderer.renderSls("b: {{ 1 + 1 }}\na: [1, 2]\n", "m.sls", Fixtures.context("m"));
        assertTrue(data instanceof java.util.LinkedHashMap);
        Map<?, ?> m = (Map<?, ?>) data;
        assertEquals(List.of("b", "a"), List.copyOf(m.keySet()));
        assertEquals(2L, m.get("b"));
        assertEquals(List.of(1L, 2L), m.get("a"));
    }

    @Test
    void saltFunctionsGetPlainModelArguments() {
        Object out = renderer.renderSls("v: {{ salt['test.echo']({'k': [1, 'x']}) }}\n", "f.sls", Fixtures.context("f"));
        assertEquals(Map.of("v", Map.of("k", List.of(1L, "x"))), out);
    }

    @Test
    @SuppressWarnings("unchecked")
    void cachedResultsAreIndependentCopies() {
        RenderContext ctx = Fixtures.context("c");
        Map<String, Object> first = (Map<String, Object>) renderer.renderSls("a: {b: 1}\n", "c.sls", ctx);
        ((Map<String, Object>) first.get("a")).put("b", 2L);
        assertEquals(Map.of("a", Map.of("b", 1L)), renderer.renderSls("a: {b: 1}\n", "c.sls", ctx));
    }
}
