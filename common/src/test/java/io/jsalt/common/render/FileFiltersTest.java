package io.jsalt.common.render;

import static io.jsalt.common.render.Fixtures.jinja;
import static io.jsalt.common.render.Fixtures.jinjaError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Salt's file filters on the rendering host's files: is_text_file, is_bin_file and is_empty
 * (salt/utils/files.py), file_hashsum (salt/utils/hashutils.py get_hash), list_files
 * (salt/utils/files.py) and which (salt/utils/path.py), with Salt's answers for missing
 * files.
 */
class FileFiltersTest {
    @TempDir
    Path dir;

    private String render(String template) {
        return jinja("{% set d = '" + dir + "' %}" + template);
    }

    @Test
    void textBinaryAndEmptyFiles() throws Exception {
        Files.writeString(dir.resolve("text"), "hello\nwörld\n");
        Files.write(dir.resolve("bin"), new byte[] {0x7f, 'E', 'L', 'F', 0, 1, 2});
        Files.write(dir.resolve("latin1"), new byte[] {'a', (byte) 0xe9, (byte) 0xff, (byte) 0xfe});
        Files.write(dir.resolve("empty"), new byte[0]);
        assertEquals("True False False True False",
                render("{{ (d ~ '/text') | is_text_file }} {{ (d ~ '/bin') | is_text_file }} "
                        + "{{ (d ~ '/latin1') | is_text_file }} {{ (d ~ '/empty') | is_text_file }} "
                        + "{{ (d ~ '/nosuch') | is_text_file }}"));
        assertEquals("False True True False False",
                render("{{ (d ~ '/text') | is_bin_file }} {{ (d ~ '/bin') | is_bin_file }} "
                        + "{{ (d ~ '/latin1') | is_bin_file }} {{ (d ~ '/empty') | is_bin_file }} "
                        + "{{ (d ~ '/nosuch') | is_bin_file }}"));
        assertEquals("True False False", render("{{ (d ~ '/empty') | is_empty }} {{ (d ~ '/text') | is_empty }} "
                + "{{ (d ~ '/nosuch') | is_empty }}"));
    }

    @Test
    void fileHashsumIsTheDigestOfTheContent() throws Exception {
        Files.writeString(dir.resolve("f"), "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                render("{{ (d ~ '/f') | file_hashsum }}"));
        assertEquals("900150983cd24fb0d6963f7d28e17f72", render("{{ (d ~ '/f') | file_hashsum('md5') }}"));
        assertTrue(jinjaError("{{ '" + dir + "/f' | file_hashsum('nohash') }}").problem()
                .startsWith("Jinja error: Invalid hash type: nohash"));
        assertTrue(jinjaError("{{ '" + dir + "/nosuch' | file_hashsum }}").problem()
                .startsWith("Jinja error: [Errno 2] No such file or directory: '" + dir + "/nosuch'"));
    }

    @Test
    void listFilesHasTheDirectoryAndEverythingUnderIt() throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/b"), "");
        Files.writeString(dir.resolve("a"), "");
        assertEquals("['" + dir + "', '" + dir + "/a', '" + dir + "/sub', '" + dir + "/sub/b']",
                render("{{ d | list_files }}"));
    }

    @Test
    void whichFindsAnExecutableOnPath() {
        assertEquals("/bin/sh", jinja("{{ '/bin/sh' | which }}"));
        assertEquals("None", jinja("{{ 'no-such-command-xyz' | which }}"));
        assertTrue(jinja("{{ 'sh' | which }}").endsWith("/sh"));
    }
}
