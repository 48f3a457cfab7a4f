package io.jsalt.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files that tests lay out below a root (file_roots, pillar_roots, config directories). */
public final class TestFiles {
    private TestFiles() {}

    /** Writes text to root/rel, making the directories on the way. */
    public static Path write(Path root, String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }
}
