package io.jsalt.common.render;

import static io.jsalt.common.render.Fixtures.jinjaError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.files.FileRoots;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Render errors read as Salt's do: the "Jinja syntax error" / "Jinja error" headers of
 * salt/utils/templates.py render_jinja_tmpl, then "; line N" and the excerpt that
 * SaltRenderError builds with salt/utils/stringutils.py get_context (five lines either side,
 * "[...]" for the rest, the failing line marked). Jinja2's own words where Jinjava's differ.
 */
class SaltErrorShapeTest {
    @Test
    void syntaxErrorHasSaltsHeaderLineAndMarkedExcerpt() {
        RenderException e = jinjaError("a: 1\nb: 2\nc: {{ 1 + }}\nd: 4\n");
        assertEquals(3, e.line());
        assertEquals("Jinja syntax error: unexpected '}' in '1 +'; line 3\n\n---\na: 1\nb: 2\n"
                + "c: {{ 1 + }}    <======================\nd: 4\n---", e.problem());
    }

    @Test
    void excerptIsFiveLinesEitherSide() {
        StringBuilder t = new StringBuilder();
        for (int i = 1; i <= 15; i++) {
            t.append(i == 8 ? "{{ raise('boom') }}" : "l" + i).append('\n');
        }
        RenderException e = jinjaError(t.toString());
        assertEquals("Jinja error: boom; line 8\n\n---\n[...]\nl3\nl4\nl5\nl6\nl7\n"
                + "{{ raise('boom') }}    <======================\nl9\nl10\nl11\nl12\nl13\n[...]\n---", e.problem());
    }

    @Test
    void unknownFilterIsASyntaxErrorAsJinja2sAssertionError() {
        assertTrue(jinjaError("{{ 1 | nofilter }}").problem().startsWith("Jinja syntax error: No filter named 'nofilter'."));
    }

    @Test
    void runtimeErrorsAreJinjaErrors() {
        assertTrue(jinjaError("{{ 1 < 'a' }}").problem().startsWith("Jinja error: '<' not supported"));
    }

    @Test
    void longExpressionIsNotEchoedAndJavaNamesDoNotShow() {
        String longList = "[" + "'x', ".repeat(600) + "1 + ]";
        RenderException e = jinjaError("a: {{ " + longList + " }}\n");
        assertTrue(e.problem().startsWith("Jinja syntax error: unexpected"), e.problem());
        assertFalse(e.problem().contains("position"), e.problem());
        String headline = e.problem().substring(0, e.problem().indexOf("\n\n---\n"));
        assertEquals("Jinja syntax error: unexpected ']'; line 1", headline);
        String coerce = jinjaError("{{ 1 | int + [1] }}").problem();
        assertFalse(coerce.contains("class ") || coerce.contains("SizeLimiting") || coerce.contains("java."), coerce);
    }

    @Test
    void excerptComesFromTheFileThatFailed(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("t"));
        Files.writeString(root.resolve("t/inc.jinja"), "ok\n{{ 1 | nofilter }}\n");
        RenderException e = org.junit.jupiter.api.Assertions.assertThrows(RenderException.class,
                () -> new Renderer(FileRoots.base(root)).renderTemplate("top\n{% include 't/inc.jinja' %}\n",
                        "t/init.sls", Fixtures.context("t")));
        assertEquals("t/inc.jinja", e.file());
        assertTrue(e.problem().endsWith("\n---\nok\n{{ 1 | nofilter }}    <======================\n---"), e.problem());
    }
}
