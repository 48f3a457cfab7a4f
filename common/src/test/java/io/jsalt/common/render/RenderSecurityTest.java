package io.jsalt.common.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.files.FileRoots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Templates cannot reach Java reflection, Jinjava's interpreter, or files outside the roots. */
class RenderSecurityTest {
    @TempDir
    Path tmp;

    Path root;
    Renderer renderer;

    @BeforeEach
    void roots() throws Exception {
        root = Files.createDirectories(tmp.resolve("root"));
        Files.createDirectories(root.resolve("app"));
        Files.writeString(tmp.resolve("secret.yaml"), "password: hunter2\n");
        Files.createSymbolicLink(root.resolve("app/link.yaml"), tmp.resolve("secret.yaml"));
        renderer = new Renderer(FileRoots.base(root));
    }

    private String render(String text) {
        return renderer.renderTemplate(text, "app/init.sls", Fixtures.context("app"));
    }

    /** The template must fail, or at least print nothing that came from Java. */
    private void assertBlocked(String text) {
        try {
            String out = render(text);
            assertFalse(out.contains("java.") || out.contains("class ") || out.contains("hunter2")
                    || out.contains("root:") || out.contains("@"), text + " printed " + out);
        } catch (RenderException e) {
            assertEquals("app/init.sls", e.file(), e.getMessage());
        }
    }

    @Test
    void reflectionIsUnreachable() {
        for (String t : List.of(
                "{{ ''.getClass() }}",
                "{{ ''.getClass().forName('java.lang.Runtime') }}",
                "{{ 'x'.class.forName('java.lang.Runtime') }}",
                "{{ grains.getClass().getClassLoader() }}",
                "{{ grains.class }}",
                "{{ (1).getClass() }}",
                "{{ [].getClass() }}",
                "{{ salt.getClass() }}",
                "{{ salt['test.echo'].getClass() }}",
                "{% for i in [1] %}{{ loop.getClass() }}{% endfor %}",
                "{{ range.getClass() }}",
                "{{ grains.os.getBytes() }}")) {
            assertBlocked(t);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void aHugeRoundingPrecisionAnswersAtOnce() throws Exception {
        // Python's round(1.5, 999999999) is 1.5 at once; setScale with that precision would
        // build a number of a billion digits (jinja2/filters.py do_round).
        assertEquals("1.5", render("{{ 1.5 | round(999999999) }}"));
        assertEquals("2", render("{{ 2 | round(999999999) }}"));
        // floor/ceil (no Python answer to copy there: its own 10**p would take as long) answer
        // at once too.
        render("{{ 1.5 | round(999999999, 'ceil') }}");
        render("{{ 1.5 | round(-999999999, 'floor') }}");
    }

    @Test
    void interpreterObjectIsUnreachable() {
        for (String t : List.of(
                "{{ ____int3rpr3t3r____ }}",
                "{{ ____int3rpr3t3r____.config.objectMapper }}",
                "{{ ____int3rpr3t3r____.context }}",
                "{% set i = ____int3rpr3t3r____ %}{{ i.config }}")) {
            RenderException e = assertThrows(RenderException.class, () -> render(t), t);
            assertTrue(e.getMessage().contains("reserved"), e.getMessage());
        }
    }

    @Test
    void includesCannotLeaveTheRoots() {
        for (String t : List.of(
                "{% include '../../etc/passwd' %}",
                "{% include './../../etc/passwd' %}",
                "{% include '/etc/passwd' %}",
                "{% include 'salt://../etc/passwd' %}",
                "{% include '%2e%2e/%2e%2e/etc/passwd' %}",
                "{% include 'app/..%2f..%2fetc/passwd' %}",
                "{% import '../../secret.yaml' as s %}",
                "{% from '/etc/passwd' import x %}",
                "{% extends '../../etc/passwd' %}",
                "{% import_yaml '/etc/passwd' as p %}",
                "{% import_yaml '../../secret.yaml' as p %}{{ p }}",
                "{% import_text 'app/link.yaml' as p %}{{ p }}",
                "{% import_json 'salt:///etc/passwd' as p %}")) {
            RenderException e = assertThrows(RenderException.class, () -> render(t), t);
            assertTrue(e.getMessage().contains("refusing path"), t + " -> " + e.getMessage());
        }
    }

    @Test
    void printedValuesAreNeverRenderedAgain() {
        // pillar 'template' holds "{{ 7 * 7 }}": Salt prints it as text.
        assertEquals("{{ 7 * 7 }}", render("{{ pillar.template }}"));
        assertEquals("{{ 7 * 7 }}", render("{{ salt['pillar.get']('template') }}"));
    }

    @Test
    void noRootsMeansNoIncludes() {
        Renderer bare = new Renderer(null);
        RenderException e = assertThrows(RenderException.class,
                () -> bare.renderTemplate("{% include 'x.jinja' %}", "t", Fixtures.context(null)));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }
}
