package io.jsalt.master.pillar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import io.jsalt.common.data.Yaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pillar.edit changes one value's text and nothing else, and refuses what it cannot edit
 * without guessing: no definition, several, a Jinja-rendered path, or a nested value.
 */
class PillarEditTest {
    private static final String INFRA = """
            # Fleet-wide infrastructure.
            infra:
              domain: fleet.internal
              hosts_entries:
                master: 10.77.0.1
                db1: 10.77.0.13   # the first database host
                db2: 10.77.0.15
                # The primary: move it by editing this line.
                masterdb: db1     # the primary
              mail:
                smarthost: smtp.fleet.internal
            """;

    @TempDir
    Path root;

    /** The message pillar.edit refuses to set KEY to VALUE with. */
    private String refusal(String key, String value) {
        return assertThrows(IllegalArgumentException.class, () -> PillarEdit.edit(List.of(root), key, value))
                .getMessage();
    }

    @Test
    void replacesOnlyTheValueTextAndKeepsEveryCommentAndLine() throws Exception {
        Path file = root.resolve("infra.sls");
        Files.writeString(file, INFRA);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Files.writeString(root.resolve("other.sls"), "masterdb: elsewhere\ninfra_note: hosts_entries\n");

        PillarEdit.Result r = PillarEdit.edit(List.of(root), "infra:hosts_entries:masterdb", "db2");

        assertEquals(Map.of("file", file.toString(), "key", "infra:hosts_entries:masterdb", "old", "db1",
                "new", "db2"), r.toMap());
        assertEquals(INFRA.replace("masterdb: db1     # the primary", "masterdb: db2     # the primary"),
                Files.readString(file));
        assertEquals("db2", Data.get(Yaml.loadMap(Files.readString(file), "infra.sls"), "infra:hosts_entries:masterdb",
                null));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var s = Files.list(root)) {
            assertEquals(2, s.count(), "no temporary file is left behind");
        }
    }

    @Test
    void quotesAValueYamlWouldReadAsSomethingElseAndKeepsExistingQuotes() throws Exception {
        Path file = root.resolve("infra.sls");
        Files.writeString(file, "infra:\n  port: '3306'\n  name: db1\n");
        PillarEdit.edit(List.of(root), "infra:port", "3307");
        PillarEdit.edit(List.of(root), "infra:name", "yes");
        assertEquals("infra:\n  port: '3307'\n  name: 'yes'\n", Files.readString(file));
    }

    @Test
    void aKeyInsideAListIsNotTakenForAMappingPath() throws Exception {
        Files.writeString(root.resolve("infra.sls"), "infra:\n  - masterdb: db1\n  -\n    masterdb: db1\n");
        assertTrue(refusal("infra:masterdb", "db2")
                .startsWith("pillar.edit: no pillar file under pillar_roots (base) defines infra:masterdb"));
    }

    @Test
    void refusesAKeyNoFileDefines() throws Exception {
        Files.writeString(root.resolve("infra.sls"), INFRA);
        String e = refusal("infra:hosts_entries:nosuch", "db2");
        assertEquals("pillar.edit: no pillar file under pillar_roots (base) defines infra:hosts_entries:nosuch"
                + " as a key on its own line", e);
    }

    @Test
    void refusesAKeyDefinedInSeveralFilesAndChangesNeither() throws Exception {
        Files.writeString(root.resolve("infra.sls"), INFRA);
        Files.createDirectories(root.resolve("site"));
        Files.writeString(root.resolve("site/override.sls"), "infra:\n  hosts_entries:\n    masterdb: db1\n");
        String e = refusal("infra:hosts_entries:masterdb", "db2");
        assertTrue(e.startsWith("pillar.edit: infra:hosts_entries:masterdb is defined in several pillar"
                + " files (" + root.resolve("infra.sls") + " line 9, " + root.resolve("site/override.sls")
                + " line 3)"), e);
        assertEquals(INFRA, Files.readString(root.resolve("infra.sls")));
    }

    @Test
    void refusesAPathJinjaRenders() throws Exception {
        Files.writeString(root.resolve("a.sls"), "infra:\n  hosts_entries:\n    masterdb: {{ primary }}\n");
        Files.writeString(root.resolve("b.sls"), "infra:\n{% if grains['id'] == 'x' %}\n  dns:\n"
                + "    masterdb: db1\n{% endif %}\n");
        assertEquals("pillar.edit: infra:hosts_entries:masterdb in " + root.resolve("a.sls")
                        + " line 3 is rendered by Jinja (a template line on its path); edit it by hand",
                refusal("infra:hosts_entries:masterdb", "db2"));
        assertTrue(refusal("infra:dns:masterdb", "db2")
                .contains("line 4 is rendered by Jinja"));
    }

    @Test
    void refusesANestedValueAndAMultiLineValue() throws Exception {
        Files.writeString(root.resolve("infra.sls"), INFRA);
        assertTrue(refusal("infra:hosts_entries", "x")
                .endsWith("holds a mapping or a list, not a single value; edit it by hand"));
        assertEquals("pillar.edit: the new value of infra:domain must be one line of text without control characters",
                refusal("infra:domain", "a\nevil: 1"));
        assertEquals(INFRA, Files.readString(root.resolve("infra.sls")));
    }

    @Test
    void refusesAValueThatWouldBecomeJinjaInThePillarFile() throws Exception {
        // Pillar files render as Jinja on the master (salt/pillar/__init__.py render_pstate):
        // a value from an orchestration's or reactor's data must stay data.
        Files.writeString(root.resolve("infra.sls"), INFRA);
        for (String evil : List.of("{{ salt['cmd.run']('id') }}", "db2{% set x = 1 %}", "{# hidden", "db2\u0000")) {
            assertTrue(refusal("infra:domain", evil).startsWith("pillar.edit: "), evil);
        }
        assertEquals(INFRA, Files.readString(root.resolve("infra.sls")));
    }
}
