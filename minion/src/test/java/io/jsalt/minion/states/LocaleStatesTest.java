package io.jsalt.minion.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jsalt.common.data.Data;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * locale.present and locale.system (salt/states/locale.py over the Debian branches of
 * salt/modules/localemod.py and salt/utils/locales.py normalize_locale) on a root directory
 * of their own, with stand-ins for locale -a and locale-gen: the locale formula's states.
 */
class LocaleStatesTest {
    @TempDir
    Path dir;
    StateHarness h;
    Path root;

    @BeforeEach
    void setUp() throws Exception {
        root = dir.resolve("root");
        Files.createDirectories(root.resolve("etc/default"));
        Files.createDirectories(root.resolve("usr/share/i18n"));
        Files.writeString(root.resolve("usr/share/i18n/SUPPORTED"), "de_DE.UTF-8 UTF-8\nen_US.UTF-8 UTF-8\n");
        Files.writeString(root.resolve("etc/locale.gen"), "# de_DE.UTF-8 UTF-8\n# en_US.UTF-8 UTF-8\n");
        Files.writeString(root.resolve("etc/default/locale"), "LANG=C.UTF-8\n");
        Path avail = dir.resolve("avail");
        Files.writeString(avail, "C\nC.utf8\nPOSIX\nen_US.utf8\n");
        // locale -a lists the avail file; locale-gen generates what /etc/locale.gen enables.
        Path locale = script("locale", "cat " + avail);
        Path localeGen = script("locale-gen", "grep -q '^de_DE.UTF-8 UTF-8$' " + root.resolve("etc/locale.gen")
                + " && echo de_DE.utf8 >> " + avail);
        h = new StateHarness(dir, Map.of("locale.root", root.toString(), "locale.locale", locale.toString(),
                "locale.locale_gen", localeGen.toString()));
    }

    private Path script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void presentGeneratesALocaleOnce() throws Exception {
        // en_US.utf8 is what locale -a prints for the formula's 'en_US.UTF-8 UTF-8'.
        assertEquals("Locale en_US.UTF-8 UTF-8 is already present",
                h.apply("locale.present", "name", "en_US.UTF-8 UTF-8").get("comment"));
        Map<String, Object> t = h.test("locale.present", "name", "de_DE.UTF-8 UTF-8");
        assertNull(t.get("result"));
        assertEquals("Locale de_DE.UTF-8 UTF-8 needs to be generated", t.get("comment"));
        Map<String, Object> r = h.apply("locale.present", "name", "de_DE.UTF-8 UTF-8");
        assertEquals(true, r.get("result"), r.toString());
        assertEquals("Generated locale de_DE.UTF-8 UTF-8", r.get("comment"));
        assertEquals(Data.map("locale", "de_DE.UTF-8 UTF-8"), r.get("changes"));
        assertEquals("de_DE.UTF-8 UTF-8\n# en_US.UTF-8 UTF-8\n", Files.readString(root.resolve("etc/locale.gen")));
        assertEquals("Locale de_DE.UTF-8 UTF-8 is already present",
                h.apply("locale.present", "name", "de_DE.UTF-8 UTF-8").get("comment"));
        // A locale the system does not support is not generated.
        r = h.apply("locale.present", "name", "xx_XX.UTF-8 UTF-8");
        assertEquals(false, r.get("result"));
        assertEquals("Failed to generate system locale", r.get("comment"));
    }

    @Test
    void systemSetsLangInDefaultLocale() throws Exception {
        assertEquals("System locale en_US.UTF-8 needs to be set",
                h.test("locale.system", "name", "en_US.UTF-8").get("comment"));
        Map<String, Object> r = h.apply("locale.system", "name", "en_US.UTF-8");
        assertEquals("Set system locale en_US.UTF-8", r.get("comment"));
        assertEquals("LANG=\"en_US.UTF-8\"\n", Files.readString(root.resolve("etc/default/locale")));
        r = h.apply("locale.system", "name", "en_US.UTF-8");
        assertEquals("System locale en_US.UTF-8 already set", r.get("comment"));
        assertEquals(Map.of(), r.get("changes"));
        r = h.apply("locale.system", "name", "en_US.UTF-8\"\nEVIL=1");
        assertEquals(false, r.get("result"));
    }
}
