package io.jsalt.common.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Replacing a file so that a reader sees the old content or the new, never half of either:
 * the new content goes to a temporary file beside the target, which is then renamed over
 * it. Key files, managed files and the grains file are all written this way.
 */
public final class AtomicFiles {
    /** Writes the new content into the temporary file before it is renamed. */
    @FunctionalInterface
    public interface Fill {
        void into(Path tmp) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Fills {@code tmp} (already created, beside {@code target}), then renames it over
     * {@code target}. The temporary file is gone afterwards, also when filling or renaming
     * fails.
     */
    public static void replace(Path tmp, Path target, Fill fill) throws IOException {
        try {
            fill.into(tmp);
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Renames {@code from} over {@code to}: atomically where the file system can, and as a
     * plain replacing move where it cannot (an atomic rename across some overlay mounts
     * is refused), since the file must still be replaced there.
     */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
