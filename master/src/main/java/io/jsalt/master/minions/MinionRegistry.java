package io.jsalt.master.minions;

import io.jsalt.common.crypto.SecureFiles;
import io.jsalt.common.data.Values;
import io.jsalt.common.match.MinionData;
import io.jsalt.common.proto.Value;
import io.netty.channel.Channel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the master knows about each minion: its live connection (if any) and its cached
 * grains and pillar, the data targeting runs on. Grains are persisted under
 * {@code cachedir/minions/ID/grains.pb} so targeting works right after a master restart.
 * Every grains map that enters here is stamped with the authenticated id
 * ({@link AuthenticatedGrains}), whatever the minion or the cache file says.
 *
 * <p>It also knows every authenticated session of a key, the daemon's and jsalt-call's:
 * when the key leaves {@code accepted} ({@link #removed}) all of them close at once.
 */
public final class MinionRegistry {
    private static final Logger log = LoggerFactory.getLogger(MinionRegistry.class);

    /** One minion's cached data; replaced whole on change, so readers need no lock. */
    public record Entry(String id, Map<String, Object> grains, Map<String, Object> pillar, Channel channel,
                        long connectedAtMillis) {
        public boolean connected() {
            return channel != null && channel.isActive();
        }

        public MinionData data() {
            return new MinionData(id, grains, pillar);
        }
    }

    private final Path cacheDir;
    private final ExecutorService io;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Live sessions by id: channel -> true for the daemon's, false for a call connection. */
    private final Map<String, Map<Channel, Boolean>> sessions = new ConcurrentHashMap<>();
    /** How often each id's key left accepted; an admission that began before a change is void. */
    private final Map<String, Long> removals = new ConcurrentHashMap<>();

    public MinionRegistry(Path cacheDir, ExecutorService io) {
        this.cacheDir = cacheDir.resolve("minions");
        this.io = io;
    }

    /** Loads the persisted grains of the given (accepted) minions. */
    public void loadCache(Collection<String> acceptedIds) {
        for (String id : acceptedIds) {
            Path f = cacheDir.resolve(id).resolve("grains.pb");
            Map<String, Object> grains = new LinkedHashMap<>();
            if (Files.isRegularFile(f)) {
                try {
                    grains = Values.mapFromProto(Value.parseFrom(Files.readAllBytes(f)));
                } catch (IOException e) {
                    log.warn("Ignoring unreadable grains cache {}: {}", f, e.getMessage());
                }
            }
            // A cache file is input too (written by an older master, or edited): stamp it.
            entries.put(id, new Entry(id, AuthenticatedGrains.stamp(id, grains), new LinkedHashMap<>(), null, 0));
        }
    }

    /**
     * Records a newly authenticated connection; returns the previous live channel, if any.
     * A minion whose key is no longer accepted (its entry is gone) is not brought back: its
     * channel is closed instead.
     */
    public Channel connected(String id, Channel ch, Map<String, Object> reported) {
        Map<String, Object> grains = AuthenticatedGrains.stamp(id, reported);
        Entry[] old = new Entry[1];
        Entry now = entries.computeIfPresent(id, (k, e) -> {
            old[0] = e;
            return new Entry(id, grains, e.pillar(), ch, System.currentTimeMillis());
        });
        if (now == null) {
            ch.close();
            return null;
        }
        persistGrains(id, grains, old[0].grains());
        return old[0].channel();
    }

    /** Forgets the channel when it closes (only if it is still the current one). */
    public void disconnected(String id, Channel ch) {
        entries.computeIfPresent(id, (k, e) -> e.channel() == ch
                ? new Entry(id, e.grains(), e.pillar(), null, 0) : e);
    }

    /** New grains of a known minion (nothing for one whose key is no longer accepted). */
    public void updateGrains(String id, Map<String, Object> reported) {
        Map<String, Object> grains = AuthenticatedGrains.stamp(id, reported);
        Entry[] old = new Entry[1];
        Entry now = entries.computeIfPresent(id, (k, e) -> {
            old[0] = e;
            return new Entry(id, grains, e.pillar(), e.channel(), e.connectedAtMillis());
        });
        if (now != null) {
            persistGrains(id, grains, old[0].grains());
        }
    }

    public void updatePillar(String id, Map<String, Object> pillar) {
        entries.computeIfPresent(id, (k, e) -> new Entry(id, e.grains(), pillar, e.channel(), e.connectedAtMillis()));
    }

    /** Accepted key: make the minion known (no data yet). */
    public void accepted(String id) {
        entries.putIfAbsent(id, new Entry(id, new LinkedHashMap<>(), new LinkedHashMap<>(), null, 0));
    }

    /**
     * Key left accepted (rejected, deleted, replaced): forget the minion and close every
     * session of it, the daemon's and any jsalt-call connection, at once.
     */
    public void removed(String id) {
        removals.merge(id, 1L, Long::sum);
        Entry e = entries.remove(id);
        if (e != null && e.channel() != null) {
            e.channel().close();
        }
        Map<Channel, Boolean> open = sessions.remove(id);
        if (open != null) {
            if (!open.isEmpty()) {
                log.info("Closing {} session(s) of minion {}: its key is no longer accepted", open.size(), id);
            }
            open.keySet().forEach(Channel::close);
        }
        io.execute(() -> deleteTree(cacheDir.resolve(id)));
    }

    /** The admission generation of {@code id}: read it before checking the key, pass it to {@link #opened}. */
    public long generation(String id) {
        return removals.getOrDefault(id, 0L);
    }

    /**
     * Records an authenticated session (daemon or call connection). Returns false, keeping
     * nothing, when the key stopped being accepted since {@code generation} was read: the key
     * was revoked while the Hello was being decided, and the caller must close the channel.
     * The session is recorded before the check, so a revocation racing with it either sees
     * the session here or is seen by the check.
     */
    public boolean opened(String id, Channel ch, boolean daemon, long generation) {
        sessions.compute(id, (k, m) -> {
            Map<Channel, Boolean> out = m == null ? new ConcurrentHashMap<>() : m;
            out.put(ch, daemon);
            return out;
        });
        ch.closeFuture().addListener(f -> sessions.computeIfPresent(id, (k, m) -> {
            m.remove(ch);
            return m.isEmpty() ? null : m;
        }));
        if (!entries.containsKey(id) || generation(id) != generation) {
            sessions.computeIfPresent(id, (k, m) -> {
                m.remove(ch);
                return m.isEmpty() ? null : m;
            });
            return false;
        }
        return true;
    }

    /** The live daemon session of {@code id} (ready or still sending its grains), if any. */
    public Channel daemonSession(String id) {
        Map<Channel, Boolean> m = sessions.get(id);
        if (m == null) {
            return null;
        }
        for (Map.Entry<Channel, Boolean> e : m.entrySet()) {
            if (e.getValue() && e.getKey().isActive()) {
                return e.getKey();
            }
        }
        return null;
    }


    public Entry get(String id) {
        return entries.get(id);
    }

    public List<Entry> all() {
        return new ArrayList<>(entries.values());
    }

    public List<String> connectedIds() {
        List<String> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.connected()) {
                out.add(e.id());
            }
        }
        out.sort(null);
        return out;
    }

    private void persistGrains(String id, Map<String, Object> grains, Map<String, Object> previous) {
        if (grains.equals(previous)) {
            return;
        }
        byte[] bytes = Values.toProto(grains).toByteArray();
        io.execute(() -> {
            Path dir = cacheDir.resolve(id);
            try {
                SecureFiles.ensureDirectory(dir, SecureFiles.PRIVATE_DIR);
                SecureFiles.writeAtomically(dir.resolve("grains.pb"), bytes,
                        SecureFiles.PRIVATE);
            } catch (IOException e) {
                log.warn("Cannot cache grains of {}: {}", id, e.getMessage());
            }
        });
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Cannot remove {}: {}", dir, e.getMessage());
        }
    }
}
