package io.jsalt.master.pillar;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices changes under the pillar_roots directories: one {@link WatchService} registration
 * per directory, recursively, and every directory created later is registered as it
 * appears. Changes are coalesced: the first one schedules {@code onChange} on the given
 * executor {@link #DEBOUNCE_MS} later, so an editor's write-rename-chmod sequence, or a
 * whole checkout, costs one reload. {@link #start} says whether watching works; when it does
 * not (a root missing, no inotify watches left, a file system without change
 * notification) the caller falls back to reloading on a timer.
 */
public final class PillarWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PillarWatch.class);

    /** How long after the first change of a burst the reload runs. */
    static final long DEBOUNCE_MS = 200;

    private final List<Path> roots;
    private final ScheduledExecutorService executor;
    private final Runnable onChange;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Map<WatchKey, Path> keys = new ConcurrentHashMap<>();
    private WatchService service;
    private Thread thread;

    public PillarWatch(List<Path> roots, ScheduledExecutorService executor, Runnable onChange) {
        this.roots = List.copyOf(roots);
        this.executor = executor;
        this.onChange = onChange;
    }

    /** Registers every directory and starts the watching thread; false (logged) when that is impossible. */
    public boolean start() {
        if (roots.isEmpty()) {
            log.info("Pillar watch: no pillar_roots directories to watch");
            return false;
        }
        try {
            service = FileSystems.getDefault().newWatchService();
            for (Path root : roots) {
                if (!Files.isDirectory(root)) {
                    throw new IOException("pillar_roots directory " + root + " does not exist");
                }
                registerTree(root);
            }
        } catch (IOException | UnsupportedOperationException | java.io.UncheckedIOException e) {
            log.warn("Pillar watch: cannot watch pillar_roots ({}); reloading on a timer instead", e.getMessage());
            close();
            return false;
        }
        thread = new Thread(this::loop, "jsalt-pillar-watch");
        thread.setDaemon(true);
        thread.start();
        log.info("Pillar watch: watching {} directories under {}", keys.size(), roots);
        return true;
    }

    private void registerTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            for (Path d : (Iterable<Path>) walk.filter(Files::isDirectory)::iterator) {
                WatchKey k = d.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
                keys.put(k, d);
            }
        }
    }

    private void loop() {
        while (true) {
            WatchKey key;
            try {
                key = service.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            Path dir = keys.get(key);
            for (WatchEvent<?> e : key.pollEvents()) {
                // OVERFLOW means events were lost: reload all the same, the compile reads every file.
                if (dir != null && e.kind() == StandardWatchEventKinds.ENTRY_CREATE
                        && e.context() instanceof Path name && Files.isDirectory(dir.resolve(name))) {
                    try {
                        registerTree(dir.resolve(name));
                    } catch (IOException | java.io.UncheckedIOException ex) {
                        log.warn("Pillar watch: cannot watch new directory {}: {}", dir.resolve(name), ex.getMessage());
                    }
                }
            }
            if (!key.reset()) {
                keys.remove(key);
            }
            changed();
        }
    }

    private void changed() {
        if (pending.compareAndSet(false, true)) {
            try {
                executor.schedule(() -> {
                    // Cleared first: a change during the reload schedules another one.
                    pending.set(false);
                    try {
                        onChange.run();
                    } catch (RuntimeException e) {
                        log.error("Pillar reload after a change failed", e);
                    }
                }, DEBOUNCE_MS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                pending.set(false); // shutting down
            }
        }
    }

    /** The directories watched now (for tests and the log). */
    List<Path> watched() {
        return new ArrayList<>(keys.values());
    }

    @Override
    public void close() {
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                log.debug("Closing the pillar watch: {}", e.getMessage());
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
