package io.jsalt.minion.modules.state;

import io.jsalt.common.Jid;
import io.jsalt.common.crypto.SecureFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One state run at a time per minion, as Salt's state.running check gives: the holder is
 * recorded in the minion's cachedir ({@code state.lock}, locked with the OS), so a
 * {@code jsalt-call} on the host and a job from the master see each other. A second run is
 * refused with Salt's message naming the running job, or waits with {@code queue=True}.
 */
public final class StateLock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StateLock.class);
    /** Holders in this JVM by lock file: the OS lock does not exclude threads of one process. */
    private static final Map<Path, Holder> HELD = new ConcurrentHashMap<>();

    /** Who holds the lock: the function, its JID and the process. */
    public record Holder(String fun, String jid, long pid) {
        /** Salt's conflict message. */
        public String message() {
            return "The function \"" + fun + "\" is running as PID " + pid + " and was started at "
                    + Jid.toTime(jid) + " with jid " + jid;
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final FileLock osLock;

    private StateLock(Path file, FileChannel channel, FileLock osLock) {
        this.file = file;
        this.channel = channel;
        this.osLock = osLock;
    }

    /** The lock file under a minion's cachedir. */
    public static Path fileIn(Path cachedir) {
        return cachedir.resolve("state.lock");
    }

    /** Takes the lock, or returns null and fills {@code conflicts} with the holder's message. */
    public static StateLock tryAcquire(Path file, Holder me, List<String> conflicts) {
        Path key = file.toAbsolutePath().normalize();
        Holder mine = HELD.putIfAbsent(key, me);
        if (mine != null) {
            conflicts.add(mine.message());
            return null;
        }
        FileChannel ch = null;
        try {
            if (!Files.isDirectory(key.getParent())) {
                SecureFiles.ensureDirectory(key.getParent(), SecureFiles.PRIVATE_DIR);
            }
            SecureFiles.privateFile(key);
            ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                Holder other = read(ch);
                ch.close();
                HELD.remove(key, me);
                conflicts.add(other == null ? "A state run is already in progress on this minion" : other.message());
                return null;
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((me.fun() + "\n" + me.jid() + "\n" + me.pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            return new StateLock(key, ch, lock);
        } catch (IOException | OverlappingFileLockException e) {
            // No writable cachedir (an unprivileged jsalt-call): this process is still serialised.
            log.debug("State lock file {} unavailable: {}", key, e.getMessage());
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // Closing a channel we could not use.
                }
            }
            return new StateLock(key, null, null);
        }
    }

    /** Waits until the lock is free (Salt's queue=True), polling. */
    public static StateLock acquire(Path file, Holder me) throws InterruptedException {
        long sleep = 50;
        while (true) {
            StateLock l = tryAcquire(file, me, new ArrayList<>());
            if (l != null) {
                return l;
            }
            Thread.sleep(sleep);
            sleep = Math.min(1000, sleep * 2);
        }
    }

    /** The current holder, if any (for state.running): this process's first, then the file's. */
    public static Holder holder(Path file) {
        Path key = file.toAbsolutePath().normalize();
        Holder h = HELD.get(key);
        if (h != null) {
            return h;
        }
        if (!Files.exists(key)) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(key, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe = ch.tryLock();
            if (probe != null) {
                probe.release();
                return null;
            }
            return read(ch);
        } catch (IOException | OverlappingFileLockException e) {
            return null;
        }
    }

    private static Holder read(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        ch.read(buf, 0);
        String[] lines = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).split("\n");
        if (lines.length < 3) {
            return null;
        }
        try {
            return new Holder(lines[0], lines[1], Long.parseLong(lines[2].trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            if (osLock != null) {
                channel.truncate(0);
                osLock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            log.debug("Releasing state lock {}: {}", file, e.getMessage());
        } finally {
            HELD.remove(file);
        }
    }
}
