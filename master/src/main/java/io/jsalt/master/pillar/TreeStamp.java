package io.jsalt.master.pillar;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.stream.Stream;

/**
 * A fingerprint of a file tree: every file's path, size and modification time (to the
 * nanosecond where the file system keeps it). Any edit, new file, removal or rename changes
 * it. Computing it is a directory walk with one stat per file, cheap next to rendering.
 */
final class TreeStamp {
    private TreeStamp() {}

    static String of(Collection<Path> dirs) {
        long h = 1125899906842597L;
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
                for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                    try {
                        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                        String line = p + "\0" + a.size() + "\0" + a.lastModifiedTime().toInstant() + "\0" + a.fileKey();
                        h = 31 * h + line.hashCode();
                    } catch (IOException e) {
                        h = 31 * h + p.hashCode(); // vanished while walking: still a change
                    }
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                h = 31 * h + 7;
            }
        }
        return Long.toHexString(h) + ":" + dirs.size();
    }
}
