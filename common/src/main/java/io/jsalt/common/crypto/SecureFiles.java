package io.jsalt.common.crypto;

import io.jsalt.common.files.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The one home for the modes of what the daemons write under cachedir, pki_dir, sock_dir
 * and the log directory: directories 0700, files 0600, set explicitly, so that a daemon is
 * safe whatever umask it was started with (the launchers also set 077, but a daemon run
 * in-process or by other means must not depend on that). Job returns and pillar end up in
 * these files, so no other local user may read them.
 *
 * <p>Salt protects the same things one by one rather than by its process umask (its
 * daemonize() in salt/utils/process.py sets umask 022): salt/utils/verify.py verify_env
 * forces the pki dir to 0700, salt/crypt.py writes keys under umask 0277 and salt/loader.py
 * writes the grains cache under umask 077.
 *
 * <p>Files are written so that a reader never sees half a file and a secret is never
 * readable by others, not even for a moment: the data goes to a hidden temporary file
 * created with the final mode, is flushed to disk, then renamed over the target.
 */
public final class SecureFiles {
    /** 0600: private keys. */
    public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    /**
     * Public keys and certificates: not secret, yet 0600 like everything else under
     * pki_dir, so that "nothing in the daemons' directories is readable by others" holds
     * without exceptions to check.
     */
    public static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-------");
    /** 0700: the pki directory, cachedir, sock_dir, the log directory and everything below them. */
    public static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private SecureFiles() {}

    public static void writeAtomically(Path target, String text, Set<PosixFilePermission> mode) throws IOException {
        writeAtomically(target, text.getBytes(StandardCharsets.UTF_8), mode);
    }

    public static void writeAtomically(Path target, byte[] data, Set<PosixFilePermission> mode) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        // The leading dot keeps the temporary file out of key listings, as Salt skips dotfiles.
        Path tmp = POSIX
                ? Files.createTempFile(dir, "." + target.getFileName(), ".tmp", attribute(mode))
                : Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        AtomicFiles.replace(tmp, target, t -> {
            setMode(t, mode); // the creation mode is subject to the umask; this is not
            try (FileChannel ch = FileChannel.open(t, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
        });
    }

    /** Creates the directory (and parents) if missing and sets its mode. */
    public static void ensureDirectory(Path dir, Set<PosixFilePermission> mode) throws IOException {
        if (!Files.isDirectory(dir)) {
            if (POSIX) {
                Files.createDirectories(dir, attribute(mode));
            } else {
                Files.createDirectories(dir);
            }
        }
        setMode(dir, mode);
    }

    /**
     * Makes the file private (0600), creating it empty if missing: for files another
     * component then opens and appends to (the log file, lock and pid files, a database),
     * which keep the mode they find.
     */
    public static void privateFile(Path file) throws IOException {
        if (POSIX) {
            try {
                Files.createFile(file, attribute(PRIVATE));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // Existing: its mode is fixed below.
            }
        } else if (!Files.exists(file)) {
            Files.createFile(file);
        }
        setMode(file, PRIVATE);
    }

    /**
     * Prepares a daemon's log file before the logger opens it: a missing directory is
     * created 0700 (an existing one, such as /var/log, is left alone) and the file is made
     * 0600. The logger appends and keeps that mode; logrotate's copytruncate and compress
     * copy it to the rotated files.
     */
    public static void privateLogFile(Path logFile) throws IOException {
        Path dir = logFile.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            ensureDirectory(dir, PRIVATE_DIR);
        }
        privateFile(logFile);
    }

    /** Sets the mode where the file system has POSIX modes; a no-op elsewhere. */
    public static void setMode(Path path, Set<PosixFilePermission> mode) throws IOException {
        if (POSIX && !Files.getPosixFilePermissions(path).equals(mode)) {
            Files.setPosixFilePermissions(path, mode);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> mode) {
        return PosixFilePermissions.asFileAttribute(mode);
    }
}
