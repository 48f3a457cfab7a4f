package io.jsalt.common.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The options jinja_env (templates) and jinja_sls_env (sls files) as Salt's render_jinja_tmpl
 * applies them (salt/utils/templates.py): Jinja2's trim_blocks, lstrip_blocks and
 * keep_trailing_newline, the deprecated jinja_trim_blocks / jinja_lstrip_blocks, unknown keys
 * ignored, and Salt's trailing newline workaround. Expected outputs are Jinja2 3.1's.
 */
class JinjaEnvTest {
    private static final String BLOCKS = "a\n    {% if true %}\nb\n    {% endif %}\nc\n";

    private static String render(String text, String sls, Map<String, Object> opts) {
        RenderContext ctx = RenderContext.builder().from(Fixtures.context(sls)).sls(sls).opts(opts).build();
        return new Renderer(null).renderTemplate(text, "t/init.sls", ctx);
    }

    private static Map<String, Object> opts(String option, Object value) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put(option, value);
        return o;
    }

    @Test
    void defaultsKeepBlockLinesAndTheLastNewline() {
        assertEquals("a\n    \nb\n    \nc\n", render(BLOCKS, "t", Map.of()));
    }

    @Test
    void slsFilesReadJinjaSlsEnvAndTemplatesJinjaEnv() {
        Map<String, Object> both = Map.of("trim_blocks", true, "lstrip_blocks", true);
        assertEquals("a\nb\nc\n", render(BLOCKS, "t", opts("jinja_sls_env", both)));
        assertEquals("a\n    \nb\n    \nc\n", render(BLOCKS, "t", opts("jinja_env", both)));
        assertEquals("a\nb\nc\n", render(BLOCKS, null, opts("jinja_env", both)));
        assertEquals("a\n    b\n    c\n", render(BLOCKS, null, opts("jinja_env", Map.of("trim_blocks", true))));
        assertEquals("a\n\nb\n\nc\n", render(BLOCKS, null, opts("jinja_env", Map.of("lstrip_blocks", true))));
    }

    @Test
    void deprecatedOptionsSetBothEnvironments() {
        Map<String, Object> o = opts("jinja_trim_blocks", true);
        o.put("jinja_lstrip_blocks", true);
        assertEquals("a\nb\nc\n", render(BLOCKS, "t", o));
        assertEquals("a\nb\nc\n", render(BLOCKS, null, o));
    }

    @Test
    void trailingNewlineFollowsSaltsWorkaround() {
        // Jinja2 drops the last newline before "-}}" can strip it; Salt appends it again.
        assertEquals("x\n", render("{{ 'x' -}}\n", null, Map.of()));
        // With keep_trailing_newline Jinja2 keeps it, and Salt still appends one.
        assertEquals("x\n\n", render("x\n", null, opts("jinja_env", Map.of("keep_trailing_newline", true))));
        assertEquals("x", render("x", null, Map.of()));
    }

    @Test
    void unknownKeysAreIgnoredAndOtherSyntaxIsRefused() {
        assertEquals("x\n", render("x\n", null, opts("jinja_env", Map.of("autoescape_x", true))));
        assertEquals("x\n", render("x\n", null, opts("jinja_env", Map.of("variable_start_string", "{{"))));
        RenderException e = assertThrows(RenderException.class,
                () -> render("x\n", null, opts("jinja_env", Map.of("variable_start_string", "<<"))));
        assertTrue(e.getMessage().contains("option jinja_env: variable_start_string '<<' is not supported"),
                e.getMessage());
        e = assertThrows(RenderException.class,
                () -> render("x\n", "t", opts("jinja_sls_env", Map.of("line_statement_prefix", "%"))));
        assertTrue(e.getMessage().contains("option jinja_sls_env: line_statement_prefix '%'"), e.getMessage());
    }

    @Test
    void headerLineIsTextAsInSalt() {
        assertEquals("#jinja2: trim_blocks: True\nx\n", render("#jinja2: trim_blocks: True\nx\n", null, Map.of()));
    }
}
