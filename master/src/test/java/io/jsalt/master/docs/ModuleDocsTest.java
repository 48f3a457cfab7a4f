package io.jsalt.master.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jsalt.common.plugin.Family;
import io.jsalt.common.plugin.Plugin;
import io.jsalt.common.plugin.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/execution-modules.md and docs/state-modules.md are generated from the functions' own
 * docs and examples, so they cannot drift from the code: each test fails when its page is
 * stale. Regenerate both with
 * {@code mvn -o -pl master -am test -Dtest=ModuleDocsTest -Djsalt.writeDocs=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ModuleDocsTest {
    private static final Path EXECUTION_PAGE = Path.of("..", "docs", "execution-modules.md");
    private static final Path STATE_PAGE = Path.of("..", "docs", "state-modules.md");
    private static final String REGENERATE = " is stale: regenerate it with mvn -o -pl master -am test -Dtest=ModuleDocsTest"
            + " -Djsalt.writeDocs=true -Dsurefire.failIfNoSpecifiedTests=false";

    static String executionPage() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Execution modules and runners\n\n")
                .append("Generated from each function's documentation by `ModuleDocsTest`; do not edit by hand.\n")
                .append("On a minion, `jsalt '*' sys.doc [module|function]` prints the same text.\n\n");
        section(sb, "Execution modules (run on minions: `jsalt TARGET mod.fun`, `jsalt-call mod.fun`)", Family.EXECUTION, "");
        section(sb, "Runners (run on the master: `jsalt-run mod.fun`)", Family.RUNNER, "");
        return sb.toString();
    }

    static String statePage() {
        StringBuilder sb = new StringBuilder();
        sb.append("# State modules\n\n")
                .append("Generated from each state function's documentation by `ModuleDocsTest`; do not edit by hand.\n")
                .append("On a minion, `jsalt '*' sys.state_doc [module|function]` prints the same text.\n")
                .append("How every state function behaves (test mode, changes, `mod_watch`), requisites and the\n")
                .append("state engine are in [states.md](states.md); the execution modules these states call are in\n")
                .append("[execution-modules.md](execution-modules.md).\n\n");
        section(sb, "State modules (in SLS files: `ID: {mod.fun: [{arg: value}, ...]}`)", Family.STATE, "yaml");
        return sb.toString();
    }

    /** One family's modules and functions: the module's doc, then each function's doc and example. */
    private static void section(StringBuilder sb, String title, Family family, String exampleLanguage) {
        Registry r = Registry.load(family, null);
        sb.append("## ").append(title).append("\n\n");
        for (Map.Entry<String, Plugin> m : r.modules().entrySet()) {
            sb.append("### ").append(m.getKey()).append("\n\n").append(m.getValue().doc().strip()).append("\n\n");
            for (Registry.Function f : r.functions().values()) {
                if (f.module() != m.getValue()) {
                    continue;
                }
                sb.append("#### `").append(f.name()).append("`\n\n").append(f.doc().strip()).append("\n\n")
                        .append("```").append(exampleLanguage).append("\n").append(f.example().strip()).append("\n```\n\n");
            }
        }
    }

    /** Writes the page first when asked to, then compares: a stale page fails with how to regenerate it. */
    private static void assertPageIsCurrent(Path page, String expected) throws Exception {
        if (Boolean.getBoolean("jsalt.writeDocs")) {
            Files.writeString(page, expected);
        }
        assertEquals(expected, Files.exists(page) ? Files.readString(page) : "",
                "docs/" + page.getFileName() + REGENERATE);
    }

    @Test
    void executionModuleDocsMatchTheCode() throws Exception {
        assertPageIsCurrent(EXECUTION_PAGE, executionPage());
    }

    @Test
    void stateModuleDocsMatchTheCode() throws Exception {
        assertPageIsCurrent(STATE_PAGE, statePage());
    }
}
