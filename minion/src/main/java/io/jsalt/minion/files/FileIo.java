package io.jsalt.minion.files;

import io.jsalt.common.crypto.SecureFiles;
import io.jsalt.common.files.AtomicFiles;
import io.jsalt.common.plugin.CommandExecutionError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** File reads and writes the file states share: atomic replace, backups, parent creation. */
public final class FileIo {
    private static final DateTimeFormatter BACKUP_STAMP =
            DateTimeFormatter.ofPattern("EEE_MMM_dd_HH:mm:ss_SSSSSS_yyyy", Locale.ENGLISH);

    private FileIo() {}

    public static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new CommandExecutionError("Unable to read " + p + ": " + e.getMessage(), e);
        }
    }

    public static String readText(Path p) {
        return new String(read(p), StandardCharsets.UTF_8);
    }

    /** True when the bytes look binary (a NUL byte in the first 8 KiB, as Salt's is_binary). */
    public static boolean isBinary(byte[] b) {
        for (int i = 0; i < Math.min(b.length, 8192); i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * A new file's mode when the state gives none: what Salt's minion produces with the
     * umask 022 its daemonize() sets (salt/utils/process.py), whatever umask this process
     * was started with.
     */
    static final String NEW_FILE_MODE = "0644";

    /** A new directory's mode when the state gives none (as {@link #NEW_FILE_MODE}). */
    static final String NEW_DIR_MODE = "0755";

    /**
     * Replaces the file's content atomically: a temporary file beside it, given the old
     * file's owner, group and mode (or 0644 for a new file), then renamed.
     */
    public static void writeAtomic(Path target, byte[] content) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + target.getFileName() + ".jsalt-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            Files.createFile(tmp);
            AtomicFiles.replace(tmp, target, t -> {
                Files.write(t, content);
                if (Files.exists(target)) {
                    PosixFileAttributes a = Files.readAttributes(target, PosixFileAttributes.class);
                    PosixFileAttributeView v = Files.getFileAttributeView(t, PosixFileAttributeView.class);
                    v.setOwner(a.owner());
                    v.setGroup(a.group());
                    Perms.setMode(t, Perms.mode(target));
                } else {
                    Perms.setMode(t, NEW_FILE_MODE);
                }
            });
        } catch (IOException e) {
            throw new CommandExecutionError("Unable to write " + target + ": " + e, e);
        }
    }

    public static void writeText(Path target, String text) {
        writeAtomic(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Salt's backup_minion: a copy under {cachedir}/file_backup/{dir}/{name}_{stamp}, where
     * stamp is like Mon_Jan_01_12:00:00_000000_2024.
     */
    public static Path backupToCache(Path file, String cachedir) {
        Path abs = file.toAbsolutePath();
        Path rel = abs.getRoot().relativize(abs.getParent());
        Path dest = Path.of(cachedir, "file_backup").resolve(rel)
                .resolve(abs.getFileName() + "_" + LocalDateTime.now().format(BACKUP_STAMP));
        try {
            SecureFiles.ensureDirectory(dest.getParent(), SecureFiles.PRIVATE_DIR);
            Files.copy(abs, dest, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
            SecureFiles.setMode(dest, SecureFiles.PRIVATE);
            return dest;
        } catch (IOException e) {
            throw new CommandExecutionError("Unable to back up " + file + " to " + dest + ": " + e, e);
        }
    }

    /** file.replace's backup: a copy beside the file with the suffix ('.bak'). */
    public static void backupBeside(Path file, String suffix) {
        try {
            Files.copy(file, file.resolveSibling(file.getFileName() + suffix), StandardCopyOption.COPY_ATTRIBUTES,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new CommandExecutionError("Unable to back up " + file + ": " + e, e);
        }
    }

    /** Creates missing parent directories; returns those created, outermost first. */
    public static List<Path> makeParents(Path file) {
        List<Path> missing = new ArrayList<>();
        for (Path d = file.toAbsolutePath().getParent(); d != null && !Files.exists(d, LinkOption.NOFOLLOW_LINKS);
                d = d.getParent()) {
            missing.add(0, d);
        }
        try {
            for (Path d : missing) {
                Files.createDirectory(d);
                Perms.setMode(d, NEW_DIR_MODE);
            }
        } catch (IOException e) {
            throw new CommandExecutionError("Unable to create the parents of " + file + ": " + e, e);
        }
        return missing;
    }

    /** Deletes a file, a link or a directory tree (links are removed, never followed). */
    public static void deleteTree(Path p) {
        try {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                try (var s = Files.list(p)) {
                    for (Path child : s.toList()) {
                        deleteTree(child);
                    }
                }
            }
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new CommandExecutionError("Unable to remove " + p + ": " + e, e);
        }
    }

    /**
     * shutil.copytree with symlinks=True (links are copied as links, attributes kept); with
     * replaceExisting, files already in the destination are overwritten and the others kept
     * (Salt's salt.utils.files.recursive_copy), else an existing file is an error.
     */
    public static void copyTree(Path from, Path to, boolean replaceExisting) throws IOException {
        CopyOption[] opts = replaceExisting
                ? new CopyOption[] {LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES,
                    StandardCopyOption.REPLACE_EXISTING}
                : new CopyOption[] {LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES};
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a)
                    throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a)
                    throws IOException {
                Files.copy(f, to.resolve(from.relativize(f).toString()), opts);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
