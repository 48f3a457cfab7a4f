package io.jsalt.master.jobs;


import com.google.protobuf.InvalidProtocolBufferException;
import io.jsalt.common.Jid;
import io.jsalt.common.crypto.SecureFiles;
import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Value;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's job cache: each job's load and every minion's return, in one H2 MVStore
 * file ({@code cachedir/jobs.mv.db}), no server.
 *
 * <p>Writes go through one writer thread that commits in groups: it takes everything
 * queued, applies it, commits and fsyncs once, then completes every future of the group.
 * A return is therefore durable when its future completes (the master acknowledges the
 * minion only then), and a burst of 10,000 returns costs a handful of commits. Reads run
 * on the caller's thread against the live maps.
 *
 * <p>Keys start with the JID, so both maps are in time order and pruning is a range
 * removal from the start. Values are {@link Value} protobuf bytes: ints stay ints and map
 * order is kept.
 */
public final class JobCache implements AutoCloseable {
    public static final String FILE_NAME = "jobs.mv.db";

    private static final Logger log = LoggerFactory.getLogger(JobCache.class);
    private static final char SEP = '\u0000';
    private static final int MAX_QUEUED = 1_000_000;
    private static final int MAX_BATCH = 20_000;
    private static final String SEQ_KEY = "returnSeq";

    private final Path file;
    private final MVStore store;
    private final MVMap<String, byte[]> loads;
    private final MVMap<String, byte[]> returns;
    private final MVMap<String, Long> meta;
    private final Clock clock;
    private final BlockingQueue<Op> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final Thread writer;
    private final AtomicLong commits = new AtomicLong();
    private long returnSeq;
    private volatile boolean closed;

    private JobCache(Path file, MVStore store, Clock clock) {
        this.file = file;
        this.store = store;
        this.clock = clock;
        this.loads = store.openMap("loads");
        this.returns = store.openMap("returns");
        this.meta = store.openMap("meta");
        this.returnSeq = meta.getOrDefault(SEQ_KEY, 0L);
        this.writer = new Thread(this::writeLoop, "jsalt-jobcache-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Opens (or creates) the cache file. A damaged or locked file is an error naming it. */
    public static JobCache open(Path file) {
        return open(file, Clock.systemUTC());
    }

    /** Opens {@code cachedir/jobs.mv.db}, creating cachedir if needed. */
    public static JobCache openInCachedir(Path cachedir) {
        try {
            SecureFiles.ensureDirectory(cachedir, SecureFiles.PRIVATE_DIR);
        } catch (java.io.IOException e) {
            throw new JobCacheException("cannot create cachedir " + cachedir + ": " + e.getMessage(), e);
        }
        return open(cachedir.resolve(FILE_NAME));
    }

    static JobCache open(Path file, Clock clock) {
        MVStore store;
        try {
            store = new MVStore.Builder()
                    .fileName(file.toString())
                    // The background thread also rewrites sparse chunks so space freed by
                    // pruning is reused; our own commits give durability.
                    .autoCompactFillRate(50)
                    .compress()
                    .open();
            // Every job's returns, pillar data included, are in this file.
            SecureFiles.setMode(file, SecureFiles.PRIVATE);
        } catch (java.io.IOException e) {
            throw new JobCacheException("cannot make job cache " + file + " private: " + e.getMessage(), e);
        } catch (MVStoreException | IllegalStateException e) {
            throw new JobCacheException("cannot open job cache " + file + ": " + e.getMessage()
                    + " (if the file is damaged, move it aside and restart to begin an empty cache)", e);
        }
        try {
            return new JobCache(file, store, clock);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw new JobCacheException("cannot open job cache " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** How many commits the writer has made (each one fsync), for benchmarks and metrics. */
    public long commits() {
        return commits.get();
    }

    /**
     * Stores a job's load (fun, arg, tgt, tgt_type, user, minions, ...) and waits until it
     * is durable. A second save for the same JID replaces the first.
     */
    public void saveLoad(String jid, Map<String, Object> load) {
        Jid.validate(jid);
        byte[] bytes = encode(load);
        join(submit(() -> {
            loads.put(jid, bytes);
            return null;
        }));
    }

    /**
     * Stores a load unless the JID has one already (a job the minion started itself: startup
     * states, the scheduler); the future completes once it is durable, true if stored.
     */
    public CompletableFuture<Boolean> saveLoadIfAbsent(String jid, Map<String, Object> load) {
        if (!Jid.isValid(jid)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("'" + jid + "' is not a valid JID"));
        }
        byte[] bytes = encode(load);
        return submit(() -> loads.putIfAbsent(jid, bytes) == null);
    }

    /**
     * Stores a minion's return for a job; the future completes once it is on disk: true if
     * stored, false if this minion had already returned for this JID (the first return is
     * kept, as Salt's local_cache drops "an extra return").
     */
    public CompletableFuture<Boolean> saveReturn(String jid, String minionId, Map<String, Object> ret) {
        if (!Jid.isValid(jid)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "return from " + minionId + " for '" + jid + "': not a valid JID"));
        }
        if (minionId == null || minionId.isEmpty() || minionId.indexOf(SEP) >= 0) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "invalid minion id for a return to " + jid + ": '" + minionId + "'"));
        }
        byte[] value = encode(ret);
        String key = jid + SEP + minionId;
        return submit(() -> {
            if (returns.containsKey(key)) {
                log.error("An extra return was detected from minion {} for job {}, please verify "
                        + "the minion, this could be a replay attack", minionId, jid);
                return false;
            }
            // The arrival number keeps returns(jid) in arrival order.
            long seq = ++returnSeq;
            byte[] stored = ByteBuffer.allocate(8 + value.length).putLong(seq).put(value).array();
            returns.put(key, stored);
            meta.put(SEQ_KEY, seq);
            return true;
        });
    }

    /** The load saved for a job, if any. */
    public Optional<Map<String, Object>> load(String jid) {
        byte[] bytes = loads.get(jid);
        return bytes == null ? Optional.empty() : Optional.of(decode(bytes, jid));
    }

    /** Every return for a job, by minion id, in the order they arrived. */
    public Map<String, Map<String, Object>> returns(String jid) {
        String prefix = jid + SEP;
        List<long[]> order = new ArrayList<>();
        List<Map.Entry<String, byte[]>> found = new ArrayList<>();
        Cursor<String, byte[]> c = returns.cursor(prefix, jid + '\u0001', false);
        while (c.hasNext()) {
            String key = c.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            byte[] v = c.getValue();
            order.add(new long[] {ByteBuffer.wrap(v, 0, 8).getLong(), found.size()});
            found.add(Map.entry(key.substring(prefix.length()), v));
        }
        order.sort((a, b) -> Long.compare(a[0], b[0]));
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (long[] o : order) {
            Map.Entry<String, byte[]> e = found.get((int) o[1]);
            byte[] v = e.getValue();
            out.put(e.getKey(), decode(Arrays.copyOfRange(v, 8, v.length), jid + "/" + e.getKey()));
        }
        return out;
    }

    /** Every JID with a saved load, oldest first (newest last). */
    public List<String> jids() {
        return new ArrayList<>(loads.keyList());
    }

    /** Every saved load by JID, oldest first: what jobs.list_jobs reads. */
    public Map<String, Map<String, Object>> loads() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        Cursor<String, byte[]> c = loads.cursor(null);
        while (c.hasNext()) {
            String jid = c.next();
            out.put(jid, decode(c.getValue(), jid));
        }
        return out;
    }

    /**
     * Removes every job (load and returns) whose JID time is more than keepJobs ago and
     * returns how many jobs went. A zero or negative keepJobs keeps everything, as Salt's
     * keep_jobs_seconds: 0 does.
     */
    public int prune(Duration keepJobs) {
        if (keepJobs.isZero() || keepJobs.isNegative()) {
            return 0;
        }
        String cutoff = Jid.format(clock.instant().minus(keepJobs));
        Integer removed = join(submit(() -> removeBefore(cutoff), true));
        if (removed > 0) {
            log.info("Pruned {} jobs older than {} from {}", removed, keepJobs, file);
        }
        return removed;
    }

    /** Runs {@link #prune} now and then every hour on the given executor. */
    public ScheduledFuture<?> startPruner(ScheduledExecutorService executor, Duration keepJobs) {
        return executor.scheduleWithFixedDelay(() -> {
            try {
                prune(keepJobs);
            } catch (RuntimeException e) {
                log.warn("Job cache prune failed: {}", e.getMessage(), e);
            }
        }, 0, 1, TimeUnit.HOURS);
    }

    private int removeBefore(String cutoff) {
        List<String> oldLoads = keysBefore(loads, cutoff);
        oldLoads.forEach(loads::remove);
        // Returns may exist without a load (a minion returning a job the master did not
        // publish); they go by the same JID time.
        keysBefore(returns, cutoff).forEach(returns::remove);
        return oldLoads.size();
    }

    /** The keys that sort before the cutoff: a JID, or a key starting with one, older than it. */
    private static List<String> keysBefore(MVMap<String, ?> map, String cutoff) {
        List<String> old = new ArrayList<>();
        for (java.util.Iterator<String> it = map.keyIterator(null); it.hasNext(); ) {
            String key = it.next();
            if (key.compareTo(cutoff) >= 0) {
                break;
            }
            old.add(key);
        }
        return old;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // No interrupt: an interrupted FileChannel write would close the store's file.
        queue.add(Op.STOP);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Anything that slipped in after STOP was taken never gets a commit.
        for (Op op; (op = queue.poll()) != null; ) {
            op.future.completeExceptionally(new IllegalStateException("job cache " + file + " is closed"));
        }
        // close(ms) also compacts the file for up to that long.
        store.close(200);
    }

    /** For tests: the underlying store. */
    MVStore store() {
        return store;
    }

    private <T> CompletableFuture<T> submit(Supplier<T> apply) {
        return submit(apply, false);
    }

    private <T> CompletableFuture<T> submit(Supplier<T> apply, boolean compactAfter) {
        Op op = new Op(apply, compactAfter);
        if (closed) {
            op.future.completeExceptionally(new IllegalStateException("job cache " + file + " is closed"));
        } else if (!queue.offer(op)) {
            op.future.completeExceptionally(new IllegalStateException(
                    "job cache " + file + ": more than " + MAX_QUEUED + " writes waiting"));
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<T> f = (CompletableFuture<T>) op.future;
        return f;
    }

    private void writeLoop() {
        List<Op> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            Op first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                continue; // only close() stops the writer, with STOP
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            stop = batch.remove(Op.STOP);
            if (!batch.isEmpty()) {
                writeBatch(batch);
            }
            batch.clear();
        }
    }

    private void writeBatch(List<Op> batch) {
        Object[] results = new Object[batch.size()];
        RuntimeException[] errors = new RuntimeException[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            try {
                results[i] = batch.get(i).apply.get();
            } catch (RuntimeException e) {
                errors[i] = e;
            }
        }
        try {
            store.commit();
            store.sync();
            commits.incrementAndGet();
        } catch (RuntimeException e) {
            JobCacheException failure = new JobCacheException(
                    "job cache " + file + ": commit failed: " + e.getMessage(), e);
            log.error(failure.getMessage(), e);
            batch.forEach(op -> op.future.completeExceptionally(failure));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (errors[i] != null) {
                batch.get(i).future.completeExceptionally(errors[i]);
            } else {
                batch.get(i).future.complete(results[i]);
            }
        }
        if (batch.stream().anyMatch(op -> op.compactAfter)) {
            compact();
        }
    }

    /** Rewrites chunks that pruning left sparse, so their space is reused. */
    private void compact() {
        try {
            store.compact(50, 16 * 1024 * 1024);
            store.commit();
            store.sync();
            commits.incrementAndGet();
        } catch (RuntimeException e) {
            log.warn("Job cache {}: compaction failed: {}", file, e.getMessage(), e);
        }
    }

    private static byte[] encode(Map<String, Object> data) {
        return Values.toProto(data).toByteArray();
    }

    private Map<String, Object> decode(byte[] bytes, String what) {
        try {
            return Values.mapFromProto(Value.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw new JobCacheException("job cache " + file + ": entry " + what + " is damaged: "
                    + e.getMessage(), e);
        }
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** One queued write: applied on the writer thread, completed after the commit. */
    private static final class Op {
        static final Op STOP = new Op(() -> null, false);

        final Supplier<?> apply;
        final boolean compactAfter;
        final CompletableFuture<Object> future = new CompletableFuture<>();

        Op(Supplier<?> apply, boolean compactAfter) {
            this.apply = apply;
            this.compactAfter = compactAfter;
        }
    }

    /** The cache file cannot be opened, read or written; the message names the file. */
    public static final class JobCacheException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public JobCacheException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
