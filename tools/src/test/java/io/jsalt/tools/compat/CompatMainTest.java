package io.jsalt.tools.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * jsalt-compat on a formula checkout written here (the corpus itself is public formulas
 * fetched by the user, never needed by the build): the layout it reads, the render and
 * dry-run it counts, the packages it would fetch for a test host, and the markdown it writes.
 */
class CompatMainTest {
    @TempDir
    Path dir;

    private Path formula() throws Exception {
        Path root = dir.resolve("demo-formula");
        write(root.resolve("demo/init.sls"), "include:\n  - demo.config\n\ndemo-pkg:\n  pkg.installed:\n"
                + "    - pkgs: [{{ salt['pillar.get']('demo:pkg', 'demo-a') }}, {demo-b: '1.0'}]\n");
        write(root.resolve("demo/config.sls"), "demo-config:\n  test.nop:\n    - port: {{ pillar.demo.port }}\n");
        write(root.resolve("demo/broken.sls"), "{{ nope(\n");
        write(root.resolve("demo/files/served.sls"), "not a state\n");
        write(root.resolve("test/integration/init.sls"), "not the state directory\n");
        write(root.resolve("pillar.example"), "demo:\n  port: 8080\n  pkg: demo-from-pillar\n");
        return root;
    }

    private static void write(Path p, String text) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /**
     * Test hosts get a fresh /tmp, so a work directory there once made every apply fail with
     * "No matching sls found"; and two runs on one work directory overwrote each other's state.
     */
    @Test
    void aWorkDirectoryServesOneRunAndIsSeenByTheHosts() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompatMain.seenByHosts("--work", Path.of("/tmp/compat-work")));
        assertTrue(e.getMessage().startsWith("--work /tmp/compat-work is under /tmp, which test hosts get fresh"), e.getMessage());
        CompatMain.seenByHosts("--work", Path.of("/var/tmp/compat-work"));

        Path work = Files.createDirectories(dir.resolve("work"));
        try (FileChannel channel = FileChannel.open(work.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            CompatMain main = new CompatMain();
            new CommandLine(main).parseArgs("--work", work.toString(), formula().toString());
            e = assertThrows(IllegalArgumentException.class, main::call);
            assertTrue(e.getMessage().contains("is in use by another jsalt-compat run"), e.getMessage());
        }
    }

    @Test
    void readsTheSaltstackFormulasLayout() throws Exception {
        Formula f = Formula.at(formula(), null, null, null, false);
        assertEquals("demo", f.name());
        assertEquals("demo", f.top());
        assertEquals(List.of("demo", "demo.broken", "demo.config"), f.slsNames());
        assertEquals(1, f.pillars().size());
        assertTrue(f.pillars().get(0).endsWith("pillar.example"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Formula.at(formula(), null, "../outside.sls", null, false));
        assertTrue(e.getMessage().contains("pillar ../outside.sls is not a file of the checkout"), e.getMessage());
    }

    @Test
    void rendersEverySlsWithThePillarExampleAndDryRunsTheTop() throws Exception {
        Formula f = Formula.at(formula(), null, null, null, false);
        try (FormulaCheck check = new FormulaCheck(f, dir.resolve("work"))) {
            assertNull(check.render("demo"));
            assertNull(check.render("demo.config"));
            String error = check.render("demo.broken");
            assertTrue(error.contains("demo/broken.sls"), error);
            assertEquals(Set.of("demo-from-pillar", "demo-b"), FormulaCheck.packages(check.highData()));
            RunOutcome dry = check.dryRun();
            assertEquals(2, dry.states(), String.valueOf(dry));
            CompatRow row = new CompatRow(f, 3);
            row.renderErrors.put("demo.broken", error);
            row.dryRun = dry;
            String md = new CompatReport(List.of(row)).markdown();
            assertTrue(md.contains("| demo | `-` | 3 | 2/3 |"), md);
            assertTrue(md.contains("- demo, render `demo.broken`: "), md);
        }
    }

    /**
     * A formula's test suite may give its pillar in several files (one per pillar SLS, as
     * kitchen.yml's pillars_from_files does): the corpus list names them separated by commas,
     * and each is a pillar SLS of the run, the later winning where both set a key.
     */
    @Test
    void severalPillarFilesAreAllThePillar() throws Exception {
        Path root = formula();
        write(root.resolve("test/pillar/pkg.sls"), "demo:\n  pkg: demo-from-test\n");
        write(root.resolve("test/pillar/port.sls"), "demo:\n  port: 9090\n");
        Formula f = Formula.at(root, null, "test/pillar/pkg.sls, test/pillar/port.sls", null, false);
        assertEquals(2, f.pillars().size());
        try (FormulaCheck check = new FormulaCheck(f, dir.resolve("work"))) {
            assertNull(check.render("demo"));
            assertEquals(Set.of("demo-from-test", "demo-b"), FormulaCheck.packages(check.highData()));
            assertTrue(String.valueOf(check.highData()).contains("9090"), String.valueOf(check.highData()));
        }
    }

    /**
     * A formula the corpus list marks as failing outside jsalt (it needs the network, say) is
     * shown as such, and the figures are given both with and without its failures.
     */
    @Test
    void failuresMarkedOutsideJsaltAreNamedAndCountedApart() throws Exception {
        Formula f = Formula.at(formula(), null, null, null, false).outsideJsalt("needs the network");
        CompatRow marked = new CompatRow(f, 3);
        marked.renderErrors.put("demo.broken", "boom");
        marked.dryRun = RunOutcome.of(List.of("Unable to manage file: source 'https://x' is not supported"));
        CompatRow plain = new CompatRow(Formula.at(formula(), null, null, null, false), 3);
        plain.dryRun = RunOutcome.of(Map.of("test_|-a_|-a_|-nop", Map.of("result", true, "changes", Map.of())));
        CompatReport report = new CompatReport(List.of(marked, plain));
        String md = report.markdown();
        assertTrue(md.contains("| outside jsalt: needs the network |"), md);
        assertTrue(md.contains("- demo (outside jsalt), dry-run: Unable to manage file"), md);
        assertTrue(md.contains("SLS rendered: 5/6 (83%); dry-run ok: 1/2 (50%)"), md);
        assertTrue(md.contains("marked as failing outside jsalt: 1 (demo); without their failures: SLS rendered: 5/5 (100%); "
                + "dry-run ok: 1/1 (100%)"), md);
        assertThrows(IllegalArgumentException.class, () -> f.outsideJsalt("two\nlines"));
    }

    @Test
    void aSecondApplyWithChangesIsNotIdempotent() {
        Map<String, Object> unchanged = Map.of("result", true, "changes", Map.of(), "comment", "ok");
        Map<String, Object> changed = Map.of("result", true, "changes", Map.of("diff", "x"), "comment", "ok");
        assertTrue(RunOutcome.of(Map.of("file_|-a_|-/a_|-managed", unchanged)).unchanged());
        RunOutcome second = RunOutcome.of(Map.of("file_|-a_|-/a_|-managed", changed));
        assertTrue(second.ok());
        assertFalse(second.unchanged());
        assertEquals("file.managed a", second.firstChanged());
        RunOutcome failed = RunOutcome.of(List.of("Rendering SLS 'base:a' failed: boom\nmore"));
        assertFalse(failed.ok());
        assertEquals("Rendering SLS 'base:a' failed: boom", failed.firstFailure());
    }

    @Test
    void markdownGoesBetweenTheMarkersAndKeepsTheRest() throws Exception {
        Path md = dir.resolve("compatibility.md");
        Files.writeString(md, "# Title\n" + CompatReport.BEGIN + "\nold table\n" + CompatReport.END + "\nExplanations\n");
        new CompatReport(List.of()).writeMarkdown(md);
        String text = Files.readString(md);
        assertTrue(text.startsWith("# Title\n" + CompatReport.BEGIN + "\n| formula |"), text);
        assertFalse(text.contains("old table"), text);
        assertTrue(text.endsWith(CompatReport.END + "\nExplanations\n"), text);
    }
}
