package io.jsalt.master.pillar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeStampTest {
    @TempDir
    Path dir;

    @Test
    void sameSizeEditNewFileAndRemovalEachChangeTheStamp() throws Exception {
        Path f = dir.resolve("a.sls");
        Files.writeString(f, "role: web\n");
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
        String s0 = TreeStamp.of(List.of(dir));
        assertEquals(s0, TreeStamp.of(List.of(dir)), "nothing changed");

        Files.writeString(f, "role: db!\n"); // same size
        String s1 = TreeStamp.of(List.of(dir));
        assertNotEquals(s0, s1);

        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/b.sls"), "x: 1\n");
        String s2 = TreeStamp.of(List.of(dir));
        assertNotEquals(s1, s2);

        Files.delete(dir.resolve("sub/b.sls"));
        assertNotEquals(s2, TreeStamp.of(List.of(dir)));
    }
}
