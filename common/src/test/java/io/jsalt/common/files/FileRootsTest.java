package io.jsalt.common.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRootsTest {
    @TempDir
    Path tmp;

    Path first;
    Path second;
    FileRoots roots;

    @BeforeEach
    void tree() throws Exception {
        first = Files.createDirectories(tmp.resolve("first"));
        second = Files.createDirectories(tmp.resolve("second"));
        Files.createDirectories(first.resolve("redis/files"));
        Files.writeString(first.resolve("redis/init.sls"), "from first");
        Files.writeString(first.resolve("redis/files/redis.conf"), "port 6379\n");
        Files.createDirectories(second.resolve("redis"));
        Files.writeString(second.resolve("redis/init.sls"), "from second");
        Files.writeString(second.resolve("redis/extra.sls"), "only in second");
        Files.writeString(tmp.resolve("secret"), "outside");
        roots = new FileRoots(Map.of("base", List.of(first, second), "dev", List.of(second)));
    }

    @Test
    void firstRootHoldingTheFileWins() throws Exception {
        assertEquals("from first", Files.readString(roots.find("base", "redis/init.sls").orElseThrow()));
        assertEquals("only in second", Files.readString(roots.find("base", "redis/extra.sls").orElseThrow()));
        assertEquals("from second", Files.readString(roots.find("dev", "redis/init.sls").orElseThrow()));
    }

    @Test
    void saltUrlsAndPlainNamesFindTheSameFile() {
        assertEquals(roots.find("base", "redis/init.sls"), roots.find("base", "salt://redis/init.sls"));
        assertEquals(roots.find("base", "redis/init.sls"), roots.find("base", "redis//./init.sls"));
    }

    @Test
    void missingFilesAndUnknownSaltenvsAreEmpty() {
        assertTrue(roots.find("base", "nope.sls").isEmpty());
        assertTrue(roots.find("prod", "redis/init.sls").isEmpty());
        assertTrue(roots.find("base", "redis").isEmpty(), "a directory is not a file");
    }

    @Test
    void listsFilesAndDirsAcrossRootsOnceEachSorted() {
        assertEquals(List.of("redis/extra.sls", "redis/files/redis.conf", "redis/init.sls"), roots.listFiles("base"));
        assertEquals(List.of("redis", "redis/files"), roots.listDirs("base"));
        assertEquals(List.of("redis/extra.sls", "redis/init.sls"), roots.listFiles("dev"));
    }

    @Test
    void hashIsSha256HexOfTheWinningFile() {
        assertEquals(64, roots.hash("base", "redis/init.sls").length());
        assertEquals(FileRoots.sha256(first.resolve("redis/init.sls")), roots.hash("base", "salt://redis/init.sls"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                sha256Of(""));
    }

    private String sha256Of(String text) {
        try {
            Path p = Files.writeString(tmp.resolve("h"), text);
            return FileRoots.sha256(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void refusesDotDotSegments() {
        FileRoots.UnsafePathException e = assertThrows(FileRoots.UnsafePathException.class,
                () -> roots.find("base", "redis/../../secret"));
        assertTrue(e.getMessage().contains("'redis/../../secret'"), e.getMessage());
        assertTrue(e.getMessage().contains("'..'"), e.getMessage());
        assertThrows(FileRoots.UnsafePathException.class, () -> roots.find("base", "salt://../secret"));
        assertThrows(FileRoots.UnsafePathException.class, () -> roots.find("base", ".."));
    }

    @Test
    void refusesAbsolutePaths() {
        FileRoots.UnsafePathException e = assertThrows(FileRoots.UnsafePathException.class,
                () -> roots.find("base", "/etc/passwd"));
        assertTrue(e.getMessage().contains("'/etc/passwd'") && e.getMessage().contains("absolute"), e.getMessage());
        assertThrows(FileRoots.UnsafePathException.class, () -> roots.find("base", "salt:///etc/passwd"));
        assertThrows(FileRoots.UnsafePathException.class, () -> roots.find("base", "C:/Windows"));
    }

    @Test
    void refusesEncodedSeparatorsBackslashesAndNul() {
        for (String bad : List.of("redis%2finit.sls", "redis%2Finit.sls", "..%5csecret", "redis\\init.sls",
                "redis/init.sls\0.txt", "%2e%2e/secret")) {
            FileRoots.UnsafePathException e = assertThrows(FileRoots.UnsafePathException.class,
                    () -> roots.find("base", bad), bad);
            assertTrue(e.getMessage().contains("refusing path"), e.getMessage());
            assertEquals(bad, e.path());
        }
    }

    @Test
    void refusesSymlinkLeavingItsRoot() throws Exception {
        Files.createSymbolicLink(first.resolve("escape"), tmp.resolve("secret"));
        FileRoots.UnsafePathException e = assertThrows(FileRoots.UnsafePathException.class,
                () -> roots.find("base", "escape"));
        assertTrue(e.getMessage().contains("'escape'") && e.getMessage().contains("outside"), e.getMessage());
        Files.createSymbolicLink(first.resolve("outdir"), tmp);
        assertThrows(FileRoots.UnsafePathException.class, () -> roots.find("base", "outdir/secret"));
        assertFalse(roots.listFiles("base").stream().anyMatch(f -> f.startsWith("escape") || f.startsWith("outdir")),
                "links out of the root are not listed");
    }

    @Test
    void symlinkInsideItsRootIsFollowed() throws Exception {
        Files.createSymbolicLink(first.resolve("alias.sls"), first.resolve("redis/init.sls"));
        assertEquals("from first", Files.readString(roots.find("base", "alias.sls").orElseThrow()));
    }

    @Test
    void readNamesTheMissingFile() {
        Exception e = assertThrows(java.nio.file.NoSuchFileException.class, () -> roots.read("base", "nope.sls"));
        assertTrue(e.getMessage().contains("nope.sls"));
    }

    @Test
    void aDanglingLinkOrAMissingRootPassesTheNameToTheNextRoot() throws Exception {
        Files.createSymbolicLink(first.resolve("redis/extra.sls"), first.resolve("redis/gone.sls"));
        assertEquals("only in second", Files.readString(roots.find("base", "redis/extra.sls").orElseThrow()));
        FileRoots gap = new FileRoots(Map.of("base", List.of(tmp.resolve("no-such-root"), second)));
        assertEquals("from second", gap.read("base", "redis/init.sls"));
        assertEquals(second.toRealPath().resolve("redis/init.sls"), gap.require("base", "redis/init.sls"));
    }

    @Test
    void linksInsideTheRootAreListedAsWhatTheyLeadToAndDanglingOnesNotAtAll() throws Exception {
        Files.createSymbolicLink(first.resolve("alias.sls"), first.resolve("redis/init.sls"));
        Files.createSymbolicLink(first.resolve("confs"), first.resolve("redis/files"));
        Files.createSymbolicLink(first.resolve("gone.sls"), first.resolve("nothing-here"));
        assertEquals(List.of("alias.sls", "redis/extra.sls", "redis/files/redis.conf", "redis/init.sls"),
                roots.listFiles("base"), "a linked directory is listed, not walked into");
        assertEquals(List.of("confs", "redis", "redis/files"), roots.listDirs("base"));
    }
}
