package io.jsalt.common.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.files.FileRoots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every failure names the file and line, as Salt's SaltRenderError does. */
class RenderErrorTest {
    @TempDir
    Path root;

    Renderer renderer;

    @BeforeEach
    void roots() throws Exception {
        Files.createDirectories(root.resolve("errs"));
        Files.writeString(root.resolve("errs/bad.jinja"), "fine: 1\nbad: {{ 1 | nofilter }}\n");
        Files.writeString(root.resolve("errs/macros.jinja"), "{% macro broken() %}\n\n{{ salt['cmd.fail']('x') }}\n{% endmacro %}\n"
                + "{% macro check(key) %}\n{{ raise('pillar key ' ~ key ~ ' must match 10.0.0.% or 100%') }}\n{% endmacro %}\n");
        renderer = new Renderer(FileRoots.base(root));
    }

    private RenderException fail(String text) {
        return assertThrows(RenderException.class,
                () -> renderer.renderSls(text, "errs/init.sls", Fixtures.context("errs")));
    }

    private static void assertAt(RenderException e, String file, int line, String fragment) {
        assertEquals(file, e.file(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ", line " + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    /** A template that fails to render: its text, then the file and line named and a part of the message. */
    static Stream<Arguments> failures() {
        return Stream.of(
                // unknown filter is an error at its line
                Arguments.of("a: 1\nb: 2\nc: {{ grains.id | nofilter }}\n",
                        "errs/init.sls", 3, "No filter named 'nofilter'"),
                // unknown test is an error at its line
                Arguments.of("a: 1\n{% if 1 is notatest %}b: 2{% endif %}\n",
                        "errs/init.sls", 2, "No test named 'notatest'"),
                // unclosed expression is a syntax error
                // The expression runs on into line 3, where Jinja2 also stops (at the ':').
                Arguments.of("a: 1\nb: {{ foo(\nc: 3\n", "errs/init.sls", 3, "Unclosed"),
                Arguments.of("a: 1\nb: {{ foo(", "errs/init.sls", 2, "Unclosed"),
                // bad expression is a syntax error at its line
                Arguments.of("a: 1\nb: 2\nc: {{ 1 + }}\n", "errs/init.sls", 3, "Jinja syntax error: unexpected"),
                // unclosed block names the opening tag
                Arguments.of("a: 1\n{% for x in [1] %}\nb: {{ x }}\n", "errs/init.sls", 2, "endfor"),
                // error in included file names that file
                Arguments.of("a: 1\n{% include 'errs/bad.jinja' %}\n",
                        "errs/bad.jinja", 2, "No filter named 'nofilter'"),
                // a Salt function failure is reported as Salt does
                Arguments.of("a: 1\nb: {{ salt['cmd.fail']('x') }}\n",
                        "errs/init.sls", 2, "Problem running salt function in Jinja template: command failed"),
                Arguments.of("b: {{ salt['no.such']() }}\n", "errs/init.sls", 1, "'no.such' is not available"),
                // missing include names the template
                Arguments.of("a: 1\n{% include 'errs/nope.jinja' %}\n",
                        "errs/init.sls", 2, "'errs/nope.jinja' not found"),
                // raise fails with its message
                Arguments.of("{% if grains.os == 'Debian' %}\n{{ raise('Debian is not supported') }}\n{% endif %}\n",
                        "errs/init.sls", 2, "Debian is not supported"));
    }

    @ParameterizedTest(name = "[{index}] {3}")
    @MethodSource("failures")
    void aFailureNamesItsFileAndLine(String template, String file, int line, String fragment) {
        assertAt(fail(template), file, line, fragment);
    }

    @Test
    void yamlErrorAfterRenderingNamesTheRenderedLine() {
        RenderException e = fail("{% set v = 'c' %}\na: 1\nb: {{ v }}: d\n");
        assertAt(e, "errs/init.sls", 3, "mapping values are not allowed here");
        assertTrue(e.getMessage().contains("b: c: d"), e.getMessage());
    }

    @Test
    void duplicateKeysAreAnError() {
        RenderException e = fail("a: 1\n{% for i in [1, 2] %}\ndup: {{ i }}\n{% endfor %}\n");
        assertEquals("errs/init.sls", e.file());
        assertTrue(e.line() > 0 && e.getMessage().contains("dup"), e.getMessage());
    }

    @Test
    void errorInsideImportedMacroNamesTheMacroFile() {
        RenderException e = fail("{% from 'errs/macros.jinja' import broken %}\na: {{ broken() }}\n");
        assertEquals("errs/macros.jinja", e.file(), e.getMessage());
        assertTrue(e.getMessage().contains("command failed"), e.getMessage());
    }

    @Test
    void raiseKeepsAPercentSignInItsMessageAlsoInsideAnImportedMacro() {
        // Jinjava formats most exception messages with String.format; raise's message is the
        // template's own text and must arrive as written (salt/utils/jinja.py, raise_error).
        assertAt(fail("a: 1\n{{ raise('only 10.0.0.% here, 100% sure') }}\n"), "errs/init.sls", 2,
                "Jinja error: only 10.0.0.% here, 100% sure");
        RenderException e = fail("{% import 'errs/macros.jinja' as m %}\na: {{ m.check('db:host') }}\n");
        assertAt(e, "errs/macros.jinja", 6, "pillar key db:host must match 10.0.0.% or 100%");
    }

    @Test
    void unknownRendererNamesFileAndRenderer() {
        RenderException e = fail("#!py\ndef run():\n    return {}\n");
        assertEquals("errs/init.sls", e.file());
        assertTrue(e.getMessage().contains("renderer 'py'"), e.getMessage());
        assertTrue(fail("#!mako|yaml\na: 1\n").getMessage().contains("renderer 'mako'"));
        assertTrue(fail("#!jinja\na: 1\n").getMessage().contains("does not end in a data renderer"));
    }

    @Test
    void loadYamlBlockErrorCountsFromTheTag() {
        RenderException e = fail("a: 1\n{% load_yaml as x %}\nk: [1,\n{% endload %}\n");
        assertEquals("errs/init.sls", e.file());
        assertTrue(e.line() >= 2, e.getMessage());
        assertTrue(e.getMessage().contains("Unable to load yaml"), e.getMessage());
    }
}
