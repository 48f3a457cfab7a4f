package io.jsalt.minion.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.InvocationError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * file.copy as Salt's salt/modules/file.py copy: a file's content copied and dst given src's
 * mode (check_perms), directories only with recurse (merged, or replaced with remove_existing),
 * and Salt's errors for a relative or missing src. Salt trees call it as
 * {@code salt-call --local file.copy SRC DST remove_existing=true} to back a file up.
 */
class FileCopyTest {
    @TempDir
    Path dir;

    private TestMinion minion() {
        return new TestMinion(dir.resolve("minion"), Data.map("id", "web1"), TestMinion::fakeCore);
    }

    @Test
    void aFileIsCopiedOverTheOldOneWithSrcsMode() throws Exception {
        Path src = Files.writeString(dir.resolve("pg_hba.conf"), "local all all peer\n");
        Files.setPosixFilePermissions(src, PosixFilePermissions.fromString("rw-r-----"));
        Path dst = Files.writeString(dir.resolve("pg_hba.conf.backup"), "old\n");
        Files.setPosixFilePermissions(dst, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertEquals(true, minion().callKw("file.copy", List.of(src.toString(), dst.toString()), "remove_existing", true));
        assertEquals("local all all peer\n", Files.readString(dst));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dst)));
    }

    @Test
    void directoriesNeedRecurseAndRemoveExistingReplacesTheDestination() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/sub"));
        Files.writeString(src.resolve("a"), "new a");
        Path dst = Files.createDirectories(dir.resolve("dst/sub"));
        Files.writeString(dst.resolve("a"), "old a");
        Files.writeString(dir.resolve("dst/keep"), "kept");
        TestMinion m = minion();
        InvocationError e = assertThrows(InvocationError.class,
                () -> m.call("file.copy", dir.resolve("src").toString(), dir.resolve("dst").toString()));
        assertEquals("Cannot copy overwriting a directory without recurse flag set to true!", e.getMessage());

        // recursive_copy: files overwritten, the others kept.
        m.callKw("file.copy", List.of(dir.resolve("src").toString(), dir.resolve("dst").toString()), "recurse", true);
        assertEquals("new a", Files.readString(dir.resolve("dst/sub/a")));
        assertTrue(Files.exists(dir.resolve("dst/keep")));
        // remove_existing: rmtree, then copytree.
        m.callKw("file.copy", List.of(dir.resolve("src").toString(), dir.resolve("dst").toString()), "recurse", true,
                "remove_existing", true);
        assertEquals("new a", Files.readString(dir.resolve("dst/sub/a")));
        assertFalse(Files.exists(dir.resolve("dst/keep")));
    }

    @Test
    void aRelativeOrMissingSourceIsRefused() {
        TestMinion m = minion();
        assertEquals("File path must be absolute.",
                assertThrows(InvocationError.class, () -> m.call("file.copy", "rel/path", "/tmp/x")).getMessage());
        String missing = dir.resolve("nope").toString();
        assertEquals("No such file or directory '" + missing + "'", assertThrows(CommandExecutionError.class,
                () -> m.call("file.copy", missing, dir.resolve("x").toString())).getMessage());
    }
}
