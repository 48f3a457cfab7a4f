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
 * docs/execution-modules.md is generated from the functions' own docs and examples, so it
 * cannot drift: this test fails when the file is stale. Regenerate it with
 * {@code mvn -pl master -am test -Dtest=ModuleDocsTest -Djsalt.writeDocs=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ModuleDocsTest {
    private static final Path FILE = Path.of("..", "docs", "execution-modules.md");

    static String generate() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Execution modules and runners\n\n")
                .append("Generated from each function's documentation by `ModuleDocsTest`; do not edit by hand.\n")
                .append("On a minion, `jsalt '*' sys.doc [module|function]` prints the same text.\n\n");
        section(sb, "Execution modules (run on minions: `jsalt TARGET mod.fun`, `jsalt-call mod.fun`)", Family.EXECUTION);
        section(sb, "Runners (run on the master: `jsalt-run mod.fun`)", Family.RUNNER);
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, Family family) {
        Registry r = Registry.load(family, null);
        sb.append("## ").append(title).append("\n\n");
        for (Map.Entry<String, Plugin> m : r.modules().entrySet()) {
            sb.append("### ").append(m.getKey()).append("\n\n").append(m.getValue().doc().strip()).append("\n\n");
            for (Registry.Function f : r.functions().values()) {
                if (f.module() != m.getValue()) {
                    continue;
                }
                sb.append("#### `").append(f.name()).append("`\n\n").append(f.doc().strip()).append("\n\n")
                        .append("```\n").append(f.example().strip()).append("\n```\n\n");
            }
        }
    }

    @Test
    void executionModuleDocsMatchTheCode() throws Exception {
        String expected = generate();
        if (Boolean.getBoolean("jsalt.writeDocs")) {
            Files.writeString(FILE, expected);
        }
        assertEquals(expected, Files.exists(FILE) ? Files.readString(FILE) : "",
                "docs/execution-modules.md is stale: regenerate it (see this test's Javadoc)");
    }
}
